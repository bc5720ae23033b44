package dev.runway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.gateway.support.Eventually;
import dev.runway.gateway.support.GatewayInstance;
import dev.runway.gateway.support.TrafficClient;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateway replicas on one database: a change made through one is in effect on the other within 1 s. */
class ReplicasIT {
    static DemoWorkload v1;
    static DemoWorkload v2;
    static GatewayInstance first;
    static GatewayInstance second;

    @BeforeAll
    static void start() throws Exception {
        v1 = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        v2 = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(0, 0, 0));
        v1.start();
        v2.start();
        TestDatabase db = TestDatabase.get();
        first = GatewayInstance.start(db.url(), db.user(), db.password());
        second = GatewayInstance.start(db.url(), db.user(), db.password());
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        v1.stop();
        v2.stop();
    }

    static ServiceClient admin(GatewayInstance gateway) {
        return ServiceClient.at(
                "http://127.0.0.1:" + gateway.adminPort(), TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
    }

    @Test
    void aWeightChangeThroughOneReplicaIsInEffectOnTheOtherWithinOneSecond() {
        var created = admin(first)
                .post(
                        "/api/v1/routes",
                        "{\"id\":\"replicated\",\"host\":\"replicas.test\",\"pathPrefix\":\"/api\","
                                + "\"stable\":[\"http://127.0.0.1:" + v1.port() + "\"],"
                                + "\"canary\":[\"http://127.0.0.1:" + v2.port() + "\"],"
                                + "\"stickiness\":{\"source\":\"HEADER\",\"name\":\"X-User-Id\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        TrafficClient onSecond = new TrafficClient(second.trafficPort(), "replicas.test");
        Eventually.within(
                Duration.ofSeconds(1),
                () -> "v1".equals(onSecond.get("/api/price", "X-User-Id", "u").version()),
                () -> "the new route is not served by the other replica");

        for (int change = 1; change <= 10; change++) {
            int weight = change % 2 == 1 ? 10_000 : 0;
            String expected = weight == 10_000 ? "v2" : "v1";
            long sent = System.nanoTime();
            var set = admin(first).put("/api/v1/routes/replicated/weight", "{\"canaryWeight\":" + weight + "}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            Duration delay = Eventually.within(
                    Duration.ofSeconds(1),
                    () -> expected.equals(
                            onSecond.get("/api/price", "X-User-Id", "u").version()),
                    () -> "weight " + weight + " not in effect on the other replica");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
            assertThat(delay).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFaultInstalledThroughOneReplicaIsAppliedByTheOther() {
        var created = admin(second)
                .post(
                        "/api/v1/routes",
                        "{\"id\":\"replicated-fault\",\"host\":\"replicas-fault.test\",\"pathPrefix\":\"/api\","
                                + "\"stable\":[\"http://127.0.0.1:" + v1.port() + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var fault = admin(second)
                .post(
                        "/api/v1/routes/replicated-fault/faults",
                        "{\"percent\":100,\"abortStatus\":503,\"ttl\":\"PT1M\"}");
        assertThat(fault.status()).as(fault.body()).isEqualTo(201);
        TrafficClient onFirst = new TrafficClient(first.trafficPort(), "replicas-fault.test");
        Eventually.within(
                Duration.ofSeconds(1),
                () -> onFirst.get("/api/price").status() == 503,
                () -> "the fault is not applied by the other replica");
        assertThat(admin(first).delete("/api/v1/faults").status()).isEqualTo(200);
        Eventually.within(
                Duration.ofSeconds(1),
                () -> new TrafficClient(second.trafficPort(), "replicas-fault.test")
                                .get("/api/price")
                                .status()
                        == 200,
                () -> "halting all faults did not reach the other replica");
    }
}
