package dev.runway.rollouts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.rollouts.e2e.GatewayProcess;
import dev.runway.testkit.ServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark (not part of the default build): abort → 0 % canary at the gateway over 100 rollbacks.
 *
 * <pre>
 * ./mvnw -q -B -pl rollout-controller/controller install -Dtest=AbortLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Two figures per rollback: (1) inside the controller, from the recorded abort decision until the gateway
 * acknowledged weight 0 (the gateway answers after its routing table holds the change); (2) from the
 * client's {@code POST /abort} until a poller (every 5 ms) reads weight 0 from the gateway — an upper
 * bound that adds the API call, the commit, the loop's wake-up and the polling interval.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runway.rollouts.reconcile.interval=PT0.5S"})
class AbortLatencyBenchmark {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int ROLLBACKS = 100;
    static GatewayProcess gateway;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws Exception {
        if (gateway == null) {
            gateway = GatewayProcess.start();
        }
        registry.add("runway.rollouts.gateway-admin-url", gateway::adminUrl);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void abortToZeroPercentAtTheGateway() throws Exception {
        DemoWorkload v1 = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        DemoWorkload v2 = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(0, 0, 0));
        v1.start();
        v2.start();
        ServiceClient api = ServiceClient.at(port);
        ServiceClient admin = gateway.admin();
        assertThat(admin.post("/api/v1/routes", """
                        {"id": "bench", "pathPrefix": "/", "stable": ["http://127.0.0.1:%d"], "canary": [], "canaryWeight": 0}
                        """.formatted(v1.port())).status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/services", """
                        {"name": "bench", "team": "perf", "deploymentDriver": "STATIC",
                         "stableUpstream": "http://127.0.0.1:%d", "stableVersion": "v1"}
                        """.formatted(v1.port())).status())
                .isEqualTo(201);
        List<Long> clientMillis = new ArrayList<>();
        for (int i = 0; i < ROLLBACKS; i++) {
            var created = api.post("/api/v1/rollouts", """
                    {"service": "bench", "version": "v2-%d", "artifact": "a", "commitSha": "abc1234",
                     "canaryUpstream": "http://127.0.0.1:%d",
                     "strategy": [{"type": "setWeight", "percent": 10}, {"type": "bake", "duration": "PT10M"}]}
                    """.formatted(i, v2.port()));
            String id = JSON.readTree(created.body()).path("id").asString();
            awaitState(api, id, "PROGRESSING", 1);
            long t0 = System.nanoTime();
            assertThat(api.post("/api/v1/rollouts/" + id + "/abort", "{\"reason\": \"benchmark\"}")
                            .status())
                    .isEqualTo(200);
            while (JSON.readTree(admin.get("/api/v1/routes/bench").body())
                            .path("canaryWeight")
                            .asInt()
                    != 0) {
                Thread.sleep(5);
            }
            clientMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            awaitState(api, id, "ROLLED_BACK", -1);
        }
        Timer timer = meters.get("runway.rollouts.abort.weight.zero").timer();
        Collections.sort(clientMillis);
        String result = """
                rollbacks: %d
                controller, decision recorded -> gateway acknowledged 0 %%: count %d, mean %.1f ms, max %.1f ms, p99 (histogram) %.1f ms
                client, POST abort -> weight 0 read back from the gateway: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms
                """.formatted(
                        ROLLBACKS,
                        timer.count(),
                        timer.mean(TimeUnit.MILLISECONDS),
                        timer.max(TimeUnit.MILLISECONDS),
                        p99(timer),
                        pct(clientMillis, 0.50),
                        pct(clientMillis, 0.90),
                        pct(clientMillis, 0.99),
                        clientMillis.getLast());
        System.out.println(result);
        Files.writeString(Path.of(System.getProperty("runway.test.workdir", "target"), "abort-benchmark.txt"), result);
        assertThat(timer.count()).isEqualTo(ROLLBACKS);
        v1.stop();
        v2.stop();
    }

    private static double p99(Timer timer) {
        for (var p : timer.takeSnapshot().percentileValues()) {
            if (p.percentile() == 0.99) {
                return p.value(TimeUnit.MILLISECONDS);
            }
        }
        // no client-side percentile configured: derive from the histogram buckets
        var buckets = timer.takeSnapshot().histogramCounts();
        long total = timer.count();
        for (var b : buckets) {
            if (b.count() >= Math.ceil(total * 0.99)) {
                return b.bucket(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static long pct(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static void awaitState(ServiceClient api, String id, String state, int step) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            JsonNode r = JSON.readTree(api.get("/api/v1/rollouts/" + id).body());
            if (state.equals(r.path("state").asString())
                    && (step < 0 || r.path("stepIndex").asInt() == step)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("rollout " + id + " never reached " + state);
    }
}
