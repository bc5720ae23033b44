package dev.runway.chaos;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChaosServiceContractIT extends ServiceContract {
    @Override
    protected String sampleEndpoint() {
        return "/api/v1/halt";
    }

    @Override
    protected String bodyWithWrongType() {
        return "{\"reason\": \"incident 42\", \"minutes\": \"an hour\"}";
    }

    @Override
    protected String wrongTypeField() {
        return "minutes";
    }

    @Override
    protected String serviceName() {
        return "chaos-service";
    }

    @Test
    void haltAllIsOneCallAndReleaseLiftsIt() {
        assertProblem(client.post("/api/v1/halt", "{\"minutes\": 5}"), 400, "reason");
        assertThat(client.get("/api/v1/halt").body()).contains("\"halted\":false");

        assertThat(client.as("oncall")
                        .post("/api/v1/halt", "{\"reason\": \"incident 42\"}")
                        .status())
                .isEqualTo(201);
        assertThat(client.get("/api/v1/halt").body()).contains("\"halted\":true", "\"by\":\"oncall\"");

        assertThat(client.delete("/api/v1/halt").status()).isEqualTo(200);
        assertThat(client.get("/api/v1/halt").body()).contains("\"halted\":false");
    }
}
