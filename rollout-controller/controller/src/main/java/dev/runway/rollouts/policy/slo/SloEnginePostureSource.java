package dev.runway.rollouts.policy.slo;

import dev.runway.rollouts.policy.PostureSource;
import dev.runway.rollouts.policy.PostureSource.BreakGlassRecord;
import dev.runway.rollouts.strategy.Posture;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Reads {@code GET /api/v1/services/{service}/posture} from the slo-engine. */
public final class SloEnginePostureSource implements PostureSource {
    private final RestClient client;

    public SloEnginePostureSource(RestClient client) {
        this.client = client;
    }

    record PostureBody(String service, Posture posture, BreakGlassRecord breakGlass) {}

    @Override
    public PostureReading postureOf(String service) {
        try {
            PostureBody body = client.get()
                    .uri("/api/v1/services/{service}/posture", service)
                    .retrieve()
                    .body(PostureBody.class);
            if (body == null || body.posture() == null) {
                return unknown("the slo-engine answered without a posture");
            }
            BreakGlassRecord glass = body.posture() == Posture.FREEZE ? body.breakGlass() : null;
            return new PostureReading(
                    body.posture(),
                    true,
                    "slo-engine: " + body.posture()
                            + (glass == null
                                    ? ""
                                    : " (break-glass " + glass.id() + " approved by " + glass.approvedBy() + ")"),
                    glass);
        } catch (RestClientException | IllegalArgumentException e) {
            return unknown("slo-engine unreachable or refused (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static PostureReading unknown(String why) {
        return new PostureReading(Posture.TIGHTEN, false, why + ": TIGHTEN until it answers");
    }
}
