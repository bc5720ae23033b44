package dev.runway.api;

import dev.runway.common.startup.RunwayApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The front door: console, public API, identity, CI intake. */
@SpringBootApplication
public class PlatformApiApplication {
    public static void main(String[] args) {
        RunwayApplication.run(PlatformApiApplication.class, "platform-api", args);
    }
}
