package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the gateway's query answer becomes event counts (the answer's shape is the gateway's
 * {@code GET /api/v1/routes/{id}/metrics}; the end-to-end test against a real gateway checks the pairing).
 */
class GatewayEventSourceTest {
    // Two versions; bounds 100, 200, 300 ms plus overflow.
    static final String ANSWER = """
            {"route":"pricing","resolutionSeconds":5,"boundsMs":[100.0,200.0,300.0],
             "versions":{
               "stable":{"requests":900,"serverErrors":9,"errorRatio":0.01,"latencyCounts":[600,200,80,20]},
               "canary":{"requests":100,"serverErrors":6,"errorRatio":0.06,"latencyCounts":[50,30,10,10]}}}""";

    HttpServer gateway;
    final AtomicReference<String> lastQuery = new AtomicReference<>();
    final AtomicReference<String> token = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/v1/routes/pricing/metrics", exchange -> {
            lastQuery.set(exchange.getRequestURI().getQuery());
            token.set(exchange.getRequestHeaders().getFirst("X-Runway-Internal-Token"));
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    GatewayEventSource source() {
        return new GatewayEventSource("http://127.0.0.1:" + gateway.getAddress().getPort(), "t0ken");
    }

    @Test
    void availabilityCountsEveryVersionsRequestsAndServerErrors() {
        assertThat(source().count(new Indicator.GatewayAvailability("pricing"), Duration.ofHours(1)))
                .isEqualTo(new EventCounts(1000, 15));
        assertThat(lastQuery.get()).isEqualTo("window=PT1H");
        assertThat(token.get()).isEqualTo("t0ken");
    }

    @Test
    void latencyCountsRequestsInBucketsAtOrBelowTheThresholdAsGood() {
        // 200 ms: buckets <=100 and <=200 are good: 600+200+50+30 = 880 of 1000
        assertThat(source().count(new Indicator.GatewayLatency("pricing", 200.0), Duration.ofMinutes(5)))
                .isEqualTo(EventCounts.ofGood(1000, 880));
        // 250 ms lies between two bounds: rounded down to 200, requests between count as slow
        assertThat(source().count(new Indicator.GatewayLatency("pricing", 250.0), Duration.ofMinutes(5)))
                .isEqualTo(EventCounts.ofGood(1000, 880));
    }

    @Test
    void anUnreachableGatewayIsSourceUnavailable() {
        gateway.stop(0);
        assertThatThrownBy(() -> source().count(new Indicator.GatewayAvailability("pricing"), Duration.ofHours(1)))
                .isInstanceOf(EventSource.SourceUnavailable.class);
    }
}
