package dev.runway.common.startup;

import dev.runway.common.db.DatabaseProbe;
import dev.runway.common.db.DatabaseSettings;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a platform service after checking that its database can be reached. */
public final class RunwayApplication {
    /** Exit code when the configuration cannot work; distinct from a crash so scripts can tell them apart. */
    public static final int EXIT_CONFIGURATION = 2;
    /**
     * Wrong settings fail at once (unknown host, refused port, rejected password); only a server that does
     * not answer waits this long, and a busy machine starting six services can need many seconds to log in.
     */
    public static final int PROBE_TIMEOUT_SECONDS = 20;

    private RunwayApplication() {}

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String[] args) {
        Optional<String> problem = DatabaseProbe.problem(DatabaseSettings.fromEnvironment(), PROBE_TIMEOUT_SECONDS);
        if (problem.isPresent()) {
            System.err.println(serviceName + " cannot start: " + problem.get());
            System.exit(EXIT_CONFIGURATION);
        }
        return SpringApplication.run(application, args);
    }
}
