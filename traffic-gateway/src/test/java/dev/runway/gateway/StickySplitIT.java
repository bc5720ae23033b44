package dev.runway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.gateway.support.TrafficClient;
import dev.runway.gateway.traffic.TrafficServer;
import dev.runway.testkit.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sticky, monotonic weighted split, rings and pinning, through the traffic port to real upstreams. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.gateway.traffic-port=0")
class StickySplitIT {
    static DemoWorkload v1;
    static DemoWorkload v2;

    @LocalServerPort
    int adminPort;

    @Autowired
    TrafficServer traffic;

    @BeforeAll
    static void startUpstreams() throws Exception {
        v1 = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        v2 = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(0, 0, 0));
        v1.start();
        v2.start();
    }

    @AfterAll
    static void stopUpstreams() {
        v1.stop();
        v2.stop();
    }

    private String route(String id, String host, int weight, String extra) {
        return "{\"id\":\"" + id + "\",\"host\":\"" + host + "\",\"pathPrefix\":\"/api\","
                + "\"stable\":[\"http://127.0.0.1:" + v1.port() + "\"],"
                + "\"canary\":[\"http://127.0.0.1:" + v2.port() + "\"],\"canaryWeight\":" + weight + extra + "}";
    }

    private void create(String json) {
        var created = ServiceClient.at(adminPort).post("/api/v1/routes", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Sends one request per key, 16 at a time, and returns the version each key was served by. */
    private Map<String, String> versionsOf(TrafficClient user, List<String> keys) throws Exception {
        Map<String, String> versions = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(16);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (String key : keys) {
                inFlight.acquire();
                done.add(pool.submit(() -> {
                    try {
                        var response = user.get("/api/price?sku=A", "X-User-Id", key);
                        assertThat(response.status()).isEqualTo(200);
                        versions.put(key, response.version());
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return versions;
    }

    @Test
    void aQuarterOfTenThousandUsersSeeTheCanaryEachAlwaysTheSameAndRaisingTheWeightOnlyAddsUsers() throws Exception {
        create(route(
                "sticky-split", "sticky.test", 2500, ",\"stickiness\":{\"source\":\"HEADER\",\"name\":\"X-User-Id\"}"));
        TrafficClient user = new TrafficClient(traffic.port(), "sticky.test");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add("user-" + i);
        }

        Map<String, String> first = versionsOf(user, keys);
        List<String> canaryUsers =
                keys.stream().filter(k -> "v2".equals(first.get(k))).toList();
        assertThat(first).hasSize(10_000);
        assertThat(canaryUsers.size()).as("canary share of 10,000 keys").isBetween(2300, 2700);

        Map<String, String> again = versionsOf(user, keys.subList(0, 1000));
        again.forEach((key, version) -> assertThat(version).as(key).isEqualTo(first.get(key)));

        var raised = ServiceClient.at(adminPort).put("/api/v1/routes/sticky-split/weight", "{\"canaryWeight\":5000}");
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        Map<String, String> afterRaise = versionsOf(user, canaryUsers);
        afterRaise.forEach((key, version) ->
                assertThat(version).as(key + " stays on the canary").isEqualTo("v2"));
    }

    @Test
    void aRingSeesTheCanaryAtWeightZeroAndThePinHeaderWorksOnlyWhereEnabled() {
        create(route(
                "rings",
                "rings.test",
                0,
                ",\"audiences\":[{\"name\":\"ring 0\",\"source\":\"HEADER\",\"key\":\"X-Team\",\"values\":[\"runway\"]},"
                        + "{\"name\":\"ring 1\",\"source\":\"COOKIE\",\"key\":\"staff\",\"values\":[\"yes\"]}]"));
        TrafficClient user = new TrafficClient(traffic.port(), "rings.test");
        for (int i = 0; i < 20; i++) {
            assertThat(user.get("/api/price", "X-Team", "runway").version()).isEqualTo("v2");
            assertThat(user.get("/api/price", "Cookie", "staff=yes").version()).isEqualTo("v2");
            assertThat(user.get("/api/price", "X-Team", "payments").version()).isEqualTo("v1");
            assertThat(user.get("/api/price", "X-Runway-Version", "canary").version())
                    .as("pinning is off unless the route enables it")
                    .isEqualTo("v1");
        }

        create(route("pinned", "pinned.test", 0, ",\"versionPinning\":true"));
        TrafficClient debug = new TrafficClient(traffic.port(), "pinned.test");
        assertThat(debug.get("/api/price", "X-Runway-Version", "canary").version())
                .isEqualTo("v2");
        assertThat(debug.get("/api/price").version()).isEqualTo("v1");
    }

    @Test
    void withoutAKeyTheGatewayIssuesACookieThatKeepsTheUserOnOneVersion() {
        create(route("issued", "issued.test", 5000, ""));
        TrafficClient browser = new TrafficClient(traffic.port(), "issued.test");
        for (int user = 0; user < 10; user++) {
            var first = browser.get("/api/price");
            String setCookie = first.header("Set-Cookie");
            assertThat(setCookie).startsWith("runway-id=").containsIgnoringCase("HttpOnly");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            for (int visit = 0; visit < 10; visit++) {
                var next = browser.get("/api/price", "Cookie", cookie);
                assertThat(next.version()).isEqualTo(first.version());
                assertThat(next.header("Set-Cookie")).as("issued once").isNull();
            }
        }
    }
}
