package dev.runway.gateway;

import dev.runway.common.startup.RunwayApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The data plane: routes traffic between stable and canary, and is the lever every other service pulls. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrafficGatewayApplication {
    public static void main(String[] args) {
        RunwayApplication.run(TrafficGatewayApplication.class, "traffic-gateway", args);
    }
}
