package dev.runway.rollouts.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crashes and fail-over with controller replicas as real processes killed by SIGKILL, the real gateway and
 * demo workloads, one PostgreSQL.
 */
class ResilienceE2EIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static GatewayProcess gateway;
    static DemoWorkload v1;
    static DemoWorkload v2;

    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayProcess.start();
        v1 = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        v2 = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(0, 0, 0));
        v1.start();
        v2.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        v1.stop();
        v2.stop();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private ControllerProcess controller(String name) throws Exception {
        ControllerProcess c = ControllerProcess.start(gateway.adminUrl(), name);
        cleanup.add(c);
        return c;
    }

    /** Given a static service routed by the gateway under light load; returns the rollout's id. */
    private String givenARollout(ServiceClient api, String service, String strategy) {
        var route = gateway.admin().post("/api/v1/routes", """
                {"id": "%s", "host": "%s.test", "pathPrefix": "/", "stable": ["http://127.0.0.1:%d"], "canary": [],
                 "canaryWeight": 0}
                """.formatted(service, service, v1.port()));
        assertThat(route.status()).as(route.body()).isEqualTo(201);
        var registered = api.post("/api/v1/services", """
                {"name": "%s", "team": "shop", "deploymentDriver": "STATIC", "stableUpstream": "http://127.0.0.1:%d",
                 "stableVersion": "v1"}
                """.formatted(service, v1.port()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var created = api.post("/api/v1/rollouts", """
                {"service": "%s", "version": "v2", "artifact": "shop-v2", "commitSha": "abc1234",
                 "canaryUpstream": "http://127.0.0.1:%d", "strategy": %s}
                """.formatted(service, v2.port(), strategy));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    private static JsonNode await(ServiceClient api, String id, Duration timeout, Predicate<JsonNode> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = JSON.readTree(api.get("/api/v1/rollouts/" + id).body());
                if (done.test(last)) {
                    return last;
                }
            } catch (IllegalStateException replicaDown) {
                // polling a replica that is being killed
            }
            Thread.sleep(250);
        }
        throw new AssertionError("rollout did not get there within " + timeout + "; last: " + last);
    }

    private static Predicate<JsonNode> at(String state, int step) {
        return r ->
                state.equals(r.path("state").asString()) && r.path("stepIndex").asInt() == step;
    }

    private static Predicate<JsonNode> in(String state) {
        return r -> state.equals(r.path("state").asString());
    }

    /** Each (decision, step) pair recorded once: no step was applied twice. */
    private static void assertNoStepRecordedTwice(JsonNode rollout) {
        Set<String> seen = new HashSet<>();
        for (JsonNode t : rollout.path("transitions")) {
            String key = t.path("decision").asString() + "@"
                    + t.path("stepIndex").asInt() + "#" + t.path("to").asString();
            assertThat(seen.add(key))
                    .as("recorded twice: %s in %s", key, rollout.path("transitions"))
                    .isTrue();
        }
    }

    /** How often the gateway set the route's canary weight to {@code basisPoints} (its audit log). */
    private static long gatewayWeightChanges(String route, int basisPoints) throws Exception {
        try (Connection c = TestDatabase.get().appConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT count(*) FROM audit.audit_log
                        WHERE service = 'traffic-gateway' AND subject = ? AND action = 'route.weight-set'
                          AND (after ->> 'canaryWeight')::int = ?
                        """)) {
            s.setString(1, "route/" + route);
            s.setInt(2, basisPoints);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aControllerKilledDuringABakeIsRestartedAndTheRolloutContinuesWithoutApplyingAStepTwice() throws Exception {
        ControllerProcess first = controller("bake-1");
        String id = givenARollout(first.client(), "bake-crash", """
                [{"type": "setWeight", "percent": 20}, {"type": "bake", "duration": "PT10S"},
                 {"type": "setWeight", "percent": 40}, {"type": "bake", "duration": "PT2S"}]
                """);
        // given the rollout is baking at 20 %
        await(first.client(), id, Duration.ofSeconds(60), at("PROGRESSING", 1));
        // when the controller is killed with SIGKILL and started again
        first.kill();
        ControllerProcess second = controller("bake-2");
        // then the rollout finishes, each step recorded once and the 20 % weight set once at the gateway
        JsonNode rollout = await(second.client(), id, Duration.ofSeconds(90), in("PROMOTED"));
        assertNoStepRecordedTwice(rollout);
        assertThat(gatewayWeightChanges("bake-crash", 2000)).isEqualTo(1);
        assertThat(gatewayWeightChanges("bake-crash", 4000)).isEqualTo(1);
    }

    @Test
    void aControllerKilledDuringAnAbortIsRestartedAndFinishesTheRollback() throws Exception {
        ControllerProcess first = controller("abort-1");
        String id = givenARollout(first.client(), "abort-crash", """
                [{"type": "setWeight", "percent": 30}, {"type": "bake", "duration": "PT5M"}]
                """);
        await(first.client(), id, Duration.ofSeconds(60), at("PROGRESSING", 1));
        // given the gateway hangs, so the controller's rollback is stuck half-way
        gateway.freeze(true);
        try {
            var aborted = first.client().post("/api/v1/rollouts/" + id + "/abort", "{\"reason\": \"fast burn\"}");
            assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
            Thread.sleep(1000);
            // when the controller is killed with SIGKILL in the middle of the abort
            first.kill();
        } finally {
            gateway.freeze(false);
        }
        ControllerProcess second = controller("abort-2");
        // then after the restart the rollback is finished: no canary traffic, ROLLED_BACK recorded once
        JsonNode rollout = await(second.client(), id, Duration.ofSeconds(60), in("ROLLED_BACK"));
        assertNoStepRecordedTwice(rollout);
        assertThat(rollout.path("reason").asString()).contains("fast burn");
        JsonNode route =
                JSON.readTree(gateway.admin().get("/api/v1/routes/abort-crash").body());
        assertThat(route.path("canaryWeight").asInt()).isZero();
        assertThat(route.path("canary").size()).isZero();
    }

    @Test
    void twoReplicasOnOneDatabaseOneActsAndTheOtherTakesOverWithinFifteenSecondsWhenItDies() throws Exception {
        ControllerProcess a = controller("pair-a");
        ControllerProcess b = controller("pair-b");
        // given two replicas: exactly one leads
        Instant deadline = Instant.now().plusSeconds(15);
        while (!(a.leads() ^ b.leads()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(a.leads() ^ b.leads()).as("exactly one replica leads").isTrue();
        ControllerProcess leader = a.leads() ? a : b;
        ControllerProcess standby = leader == a ? b : a;
        String id = givenARollout(standby.client(), "failover", """
                [{"type": "setWeight", "percent": 10}, {"type": "bake", "duration": "PT8S"},
                 {"type": "setWeight", "percent": 50}, {"type": "bake", "duration": "PT2S"}]
                """);
        await(standby.client(), id, Duration.ofSeconds(60), at("PROGRESSING", 1));
        assertThat(standby.leads()).isFalse();
        // when the leader dies
        leader.kill();
        Instant killed = Instant.now();
        while (!standby.leads() && Duration.between(killed, Instant.now()).toSeconds() < 30) {
            Thread.sleep(100);
        }
        Duration takeover = Duration.between(killed, Instant.now());
        System.out.println("standby took over " + takeover.toMillis() + " ms after the leader's SIGKILL");
        // then the standby takes over within 15 s and finishes the rollout
        assertThat(standby.leads()).isTrue();
        assertThat(takeover).isLessThanOrEqualTo(Duration.ofSeconds(15));
        JsonNode rollout = await(standby.client(), id, Duration.ofSeconds(60), in("PROMOTED"));
        assertNoStepRecordedTwice(rollout);
        assertThat(gatewayWeightChanges("failover", 1000)).isEqualTo(1);
    }
}
