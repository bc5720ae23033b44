package dev.runway.rollouts.policy.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.rollouts.strategy.Posture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

class SloEnginePostureSourceTest {

    @Test
    void thePostureIsReadFromTheSloEngine() throws Exception {
        HttpServer slo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slo.createContext("/api/v1/services/checkout/posture", exchange -> {
            byte[] body = "{\"service\": \"checkout\", \"posture\": \"FREEZE\", \"budgetRemaining\": -0.2}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slo.start();
        try {
            var source = new SloEnginePostureSource(
                    RestClient.create("http://127.0.0.1:" + slo.getAddress().getPort()));
            var reading = source.postureOf("checkout");
            assertThat(reading.posture()).isEqualTo(Posture.FREEZE);
            assertThat(reading.known()).isTrue();
            // a service the slo-engine does not know (404) is read as unknown: careful, not blocked
            var unknown = source.postureOf("nope");
            assertThat(unknown.posture()).isEqualTo(Posture.TIGHTEN);
            assertThat(unknown.known()).isFalse();
        } finally {
            slo.stop(0);
        }
    }

    @Test
    void anApprovedBreakGlassRecordComesWithAFreeze() throws Exception {
        HttpServer slo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slo.createContext("/api/v1/services/ledger/posture", exchange -> {
            byte[] body = """
                    {"service": "ledger", "posture": "FREEZE", "budgetRemaining": 0.0, "policyVersion": 3,
                     "breakGlass": {"id": "bg-7", "service": "ledger", "justification": "INC-512: fix double charge",
                                    "duration": "PT2H", "requestedBy": "dora", "approvedBy": "sam",
                                    "expiresAt": "2026-11-22T14:00:00Z", "state": "ACTIVE"}}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slo.start();
        try {
            var reading = new SloEnginePostureSource(RestClient.create(
                            "http://127.0.0.1:" + slo.getAddress().getPort()))
                    .postureOf("ledger");
            assertThat(reading.posture()).isEqualTo(Posture.FREEZE);
            assertThat(reading.breakGlass()).isNotNull();
            assertThat(reading.breakGlass().approvedBy()).isEqualTo("sam");
            assertThat(reading.breakGlass().requestedBy()).isEqualTo("dora");
            assertThat(reading.detail()).contains("break-glass bg-7 approved by sam");
        } finally {
            slo.stop(0);
        }
    }

    @Test
    void anUnreachableSloEngineMeansTightenNotFreezeNorNormal() {
        var source = new SloEnginePostureSource(RestClient.create("http://127.0.0.1:1"));
        var reading = source.postureOf("checkout");
        assertThat(reading.posture()).isEqualTo(Posture.TIGHTEN);
        assertThat(reading.detail()).contains("TIGHTEN until it answers");
    }
}
