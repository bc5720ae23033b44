package dev.runway.slo;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SloEngineContractIT extends ServiceContract {
    @Override
    protected String sampleEndpoint() {
        return "/api/v1/policy";
    }

    @Override
    protected String bodyWithWrongType() {
        return "{\"aggressiveAbove\": \"half\", \"normalAbove\": 0.25, \"freezeAtOrBelow\": 0}";
    }

    @Override
    protected String wrongTypeField() {
        return "aggressiveAbove";
    }

    @Override
    protected String serviceName() {
        return "slo-engine";
    }

    @Test
    void aPolicyEditIsANewVersionAndAnInconsistentOneIsRefusedWhole() {
        var sre = Caller.sre(port);
        var before = client.get("/api/v1/policy").body();
        assertProblem(
                sre.post("/api/v1/policy", "{\"aggressiveAbove\": 0.4, \"normalAbove\": 0.6, \"freezeAtOrBelow\": 0}"),
                400,
                "normalAbove");
        assertThat(client.get("/api/v1/policy").body()).isEqualTo(before);

        var edited = sre.post(
                "/api/v1/policy", "{\"aggressiveAbove\": 0.6, \"normalAbove\": 0.3, \"freezeAtOrBelow\": 0.05}");
        assertThat(edited.status()).isEqualTo(201);
        assertThat(client.get("/api/v1/policy").body()).contains("\"aggressiveAbove\":0.6");
    }

    @Test
    void aServiceWithoutAnSloHasANormalPostureOnceTheFirstEvaluationHasRun() throws InterruptedException {
        // before the first cycle after start-up every posture is TIGHTEN (not even a freeze is known yet)
        String body = client.get("/api/v1/services/checkout/posture").body();
        for (int i = 0; i < 150 && body.contains("has not finished"); i++) {
            assertThat(body).contains("\"posture\":\"TIGHTEN\"", "\"evaluated\":false");
            Thread.sleep(100);
            body = client.get("/api/v1/services/checkout/posture").body();
        }
        assertThat(body).contains("\"posture\":\"NORMAL\"", "\"service\":\"checkout\"", "\"evaluated\":true");
    }
}
