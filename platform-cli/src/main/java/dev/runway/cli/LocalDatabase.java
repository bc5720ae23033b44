package dev.runway.cli;

import dev.runway.common.db.DatabaseBootstrap;
import dev.runway.common.db.DatabaseProbe;
import dev.runway.common.db.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database the services use: the server named by {@code PLATFORM_DB_URL}, checked before anything
 * starts, or else a real PostgreSQL from embedded binaries whose files stay in {@code .platform/pgdata}.
 */
final class LocalDatabase implements AutoCloseable {
    static final String ROLE = "runway";
    static final String DATABASE = "runway";

    private final DatabaseSettings settings;
    private final EmbeddedPostgres embedded;

    private LocalDatabase(DatabaseSettings settings, EmbeddedPostgres embedded) {
        this.settings = settings;
        this.embedded = embedded;
    }

    static LocalDatabase open(LocalState state, Ports ports, Progress progress) throws IOException {
        String configured = System.getenv(DatabaseSettings.URL);
        if (configured != null && !configured.isBlank()) {
            DatabaseSettings settings = DatabaseSettings.fromEnvironment();
            Optional<String> problem =
                    DatabaseProbe.problem(settings, dev.runway.common.startup.RunwayApplication.PROBE_TIMEOUT_SECONDS);
            if (problem.isPresent()) {
                throw new CliException(problem.get());
            }
            progress.step("database", "using " + settings.url() + " (" + DatabaseSettings.URL + ")");
            return new LocalDatabase(settings, null);
        }
        return startEmbedded(state, ports, progress);
    }

    private static LocalDatabase startEmbedded(LocalState state, Ports ports, Progress progress) throws IOException {
        boolean existing = Files.exists(state.databaseFiles().resolve("PG_VERSION"));
        long started = System.nanoTime();
        EmbeddedPostgres postgres = startServer(state, ports);
        String password = state.secret("db-password");
        String admin = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        try {
            DatabaseBootstrap.prepare(admin, "postgres", "postgres", DATABASE, ROLE, password);
            DatabaseBootstrap.requirePasswords(admin, "postgres", "postgres");
        } catch (SQLException e) {
            postgres.close();
            throw new CliException("cannot prepare the embedded PostgreSQL: " + e.getMessage());
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        progress.step(
                "database",
                "embedded PostgreSQL on port " + postgres.getPort() + (existing ? ", existing data" : ", new data")
                        + " in " + state.databaseFiles() + " (" + Progress.seconds(started) + ")");
        return new LocalDatabase(new DatabaseSettings(url, ROLE, password), postgres);
    }

    private static EmbeddedPostgres startServer(LocalState state, Ports ports) throws IOException {
        ServiceProcesses.requireFreePort(ports.of(Ports.DATABASE), "embedded PostgreSQL");
        try {
            return builder(state, ports).start();
        } catch (IOException | RuntimeException | Error firstAttempt) {
            // A runner killed while unpacking leaves half-extracted binaries that block every later start:
            // throw them away and unpack once more. The data folder is never touched here.
            Folders.deleteRecursively(state.root().resolve("pg-binaries"));
            try {
                return builder(state, ports).start();
            } catch (IOException | RuntimeException | Error secondAttempt) {
                throw new CliException("cannot start the embedded PostgreSQL: " + rootCause(secondAttempt)
                        + " (data folder: " + state.databaseFiles() + ")");
            }
        }
    }

    private static EmbeddedPostgres.Builder builder(LocalState state, Ports ports) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(state.databaseFiles())
                .setCleanDataDirectory(false)
                .setPort(ports.of(Ports.DATABASE))
                .setOverrideWorkingDirectory(state.root().resolve("pg-binaries").toFile());
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    DatabaseSettings settings() {
        return settings;
    }

    boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
