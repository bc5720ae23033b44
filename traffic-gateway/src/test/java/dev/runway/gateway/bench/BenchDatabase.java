package dev.runway.gateway.bench;

import dev.runway.common.db.DatabaseBootstrap;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * For bench/run.sh: a throw-away embedded PostgreSQL, prepared like production (the services' role owns the
 * platform database), on the port given as the first argument. Prints READY and runs until killed.
 */
public final class BenchDatabase {
    private BenchDatabase() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench/pg");
        Files.createDirectories(work);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.toFile())
                .setCleanDataDirectory(true)
                .setPort(port)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (java.io.IOException ignored) {
                // the process is ending; the data folder is under target/
            }
        }));
        DatabaseBootstrap.prepare(
                postgres.getJdbcUrl("postgres", "postgres"),
                "postgres",
                "postgres",
                "runway",
                "runway_app",
                "runway_app");
        System.out.println("READY postgresql on port " + port);
        new CountDownLatch(1).await();
    }
}
