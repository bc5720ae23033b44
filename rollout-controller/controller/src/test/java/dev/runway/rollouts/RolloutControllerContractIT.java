package dev.runway.rollouts;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

// The reconciler stays off: a cached context of this class must not take the leader lock from another's.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.rollouts.reconcile.enabled=false")
class RolloutControllerContractIT extends ServiceContract {
    @Override
    protected String sampleEndpoint() {
        return "/api/v1/services";
    }

    @Override
    protected String bodyWithWrongType() {
        return "{\"name\": \"checkout\", \"team\": \"payments\", \"deploymentDriver\": \"docker\"}";
    }

    @Override
    protected String wrongTypeField() {
        return "deploymentDriver";
    }

    @Override
    protected String serviceName() {
        return "rollout-controller";
    }

    @Test
    void aServiceIsRegisteredWithDefaultsAndAMissingDriverIsNamed() {
        var created = client.post(
                "/api/v1/services",
                "{\"name\": \"pricing\", \"team\": \"payments\", \"deploymentDriver\": \"STATIC\", \"stableUpstream\": \"http://10.0.0.1:8080\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).contains("\"trafficRouter\":\"GATEWAY\"", "\"metricsProvider\":\"GATEWAY\"");
        assertProblem(
                client.post("/api/v1/services", "{\"name\": \"orders\", \"team\": \"payments\"}"),
                400,
                "deploymentDriver");
    }
}
