package dev.runway.api;

import dev.runway.common.startup.RunwayApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The front door: console, public API, identity, CI intake. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PlatformApiApplication {
    public static void main(String[] args) {
        RunwayApplication.run(PlatformApiApplication.class, "platform-api", args);
    }
}
