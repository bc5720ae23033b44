package dev.runway.rollouts;

import dev.runway.common.startup.RunwayApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Service registry, progressive rollouts, canary analysis and rollback. */
@SpringBootApplication
public class RolloutControllerApplication {
    public static void main(String[] args) {
        RunwayApplication.run(RolloutControllerApplication.class, "rollout-controller", args);
    }
}
