package dev.runway.slo;

import dev.runway.common.startup.RunwayApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** SLOs, error budgets, burn-rate alerts and the budget policy that sets each service's posture. */
@SpringBootApplication
public class SloEngineApplication {
    public static void main(String[] args) {
        RunwayApplication.run(SloEngineApplication.class, "slo-engine", args);
    }
}
