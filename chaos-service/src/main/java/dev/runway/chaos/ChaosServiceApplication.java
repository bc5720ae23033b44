package dev.runway.chaos;

import dev.runway.common.startup.RunwayApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Chaos experiments with a hypothesis, a blast radius, tiered approval and a halt-all switch. */
@SpringBootApplication
public class ChaosServiceApplication {
    public static void main(String[] args) {
        RunwayApplication.run(ChaosServiceApplication.class, "chaos-service", args);
    }
}
