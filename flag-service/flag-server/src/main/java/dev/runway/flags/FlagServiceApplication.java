package dev.runway.flags;

import dev.runway.common.startup.RunwayApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Flags, targeting, OFREP evaluation and the change stream for SDKs. */
@SpringBootApplication
public class FlagServiceApplication {
    public static void main(String[] args) {
        RunwayApplication.run(FlagServiceApplication.class, "flag-service", args);
    }
}
