package dev.runway.gateway;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.gateway.support.AdminCalls;
import dev.runway.gateway.support.Eventually;
import dev.runway.gateway.support.TrafficClient;
import dev.runway.gateway.traffic.TrafficServer;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fault injection: scope, expiry enforced by the gateway itself, list/delete, audit. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.gateway.traffic-port=0")
class FaultIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
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

    private void createRoute(String id, String host) {
        AdminCalls.createRoute(adminPort, id, host, v1.port(), v2.port());
    }

    private JsonNode inject(String route, String spec) {
        return AdminCalls.injectFault(adminPort, route, spec);
    }

    @Test
    void aFaultWithATwoSecondExpiryStopsByItselfAndItsEndIsAudited() throws Exception {
        createRoute("expiring", "expiring.test");
        TrafficClient user = new TrafficClient(traffic.port(), "expiring.test");
        JsonNode fault = inject("expiring", "{\"percent\":100,\"abortStatus\":503,\"ttl\":\"PT2S\"}");
        Instant expiresAt = Instant.parse(fault.path("expiresAt").asString());

        var hit = user.get("/api/price");
        assertThat(hit.status()).isEqualTo(503);
        assertThat(hit.header("X-Runway-Fault")).isEqualTo(fault.path("id").asString());
        assertThat(hit.body()).contains("fault-injected");

        // Nobody calls the API from here on: the gateway alone must end the fault.
        List<Integer> afterExpiry = new ArrayList<>();
        Instant stopAt = expiresAt.plusSeconds(1);
        while (Instant.now().isBefore(stopAt)) {
            var response = user.get("/api/price");
            if (Instant.now().isAfter(expiresAt.plusMillis(50))) {
                afterExpiry.add(response.status());
            }
            Thread.sleep(20);
        }
        assertThat(afterExpiry).isNotEmpty().containsOnly(200);
        Eventually.within(
                Duration.ofSeconds(10),
                () -> auditCount("fault.expired", fault.path("id").asString()) == 1,
                () -> "no audit of the expiry");
    }

    @Test
    void aFaultHitsOnlyItsVersionAndHeaderAndCanBeListedAndRemovedWithAnAudit() throws Exception {
        createRoute("scoped", "scoped.test");
        TrafficClient user = new TrafficClient(traffic.port(), "scoped.test");
        JsonNode fault = inject(
                "scoped",
                "{\"version\":\"CANARY\",\"percent\":100,\"header\":{\"name\":\"X-Chaos\",\"value\":\"on\"},"
                        + "\"delayMs\":300,\"abortStatus\":500,\"ttl\":\"PT5M\"}");

        assertThat(user.get("/api/price", "X-Chaos", "on").status())
                .as("stable is spared")
                .isEqualTo(200);
        assertThat(user.get("/api/price", "X-Runway-Version", "canary").status())
                .as("requests without the header are spared")
                .isEqualTo(200);
        var hit = user.get("/api/price", "X-Runway-Version", "canary", "X-Chaos", "on");
        assertThat(hit.status()).isEqualTo(500);
        assertThat(hit.millis()).as("delay before the error").isGreaterThanOrEqualTo(300);

        var listed = JSON.readTree(
                ServiceClient.at(adminPort).get("/api/v1/routes/scoped/faults").body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asString())
                .isEqualTo(fault.path("id").asString());

        var removed = ServiceClient.at(adminPort)
                .delete("/api/v1/faults/" + fault.path("id").asString());
        assertThat(removed.status()).isEqualTo(204);
        assertThat(user.get("/api/price", "X-Runway-Version", "canary", "X-Chaos", "on")
                        .status())
                .isEqualTo(200);
        assertThat(auditCount("fault.injected", fault.path("id").asString())).isEqualTo(1);
        assertThat(auditCount("fault.removed", fault.path("id").asString())).isEqualTo(1);
        assertProblem(
                ServiceClient.at(adminPort)
                        .delete("/api/v1/faults/" + fault.path("id").asString()),
                404);
    }

    @Test
    void aDelayOnlyFaultSlowsTheShareItCoversAndForwards() {
        createRoute("delayed", "delayed.test");
        TrafficClient user = new TrafficClient(traffic.port(), "delayed.test");
        inject("delayed", "{\"percent\":100,\"delayMs\":200,\"ttl\":\"PT1M\"}");
        var response = user.get("/api/price");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.version()).isEqualTo("v1");
        assertThat(response.millis()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void faultsWithoutExpiryOrOnUnknownRoutesAreRefused() {
        createRoute("refusing", "refusing.test");
        var admin = ServiceClient.at(adminPort);
        assertProblem(admin.post("/api/v1/routes/refusing/faults", "{\"percent\":50,\"abortStatus\":503}"), 400, "ttl");
        assertProblem(
                admin.post("/api/v1/routes/refusing/faults", "{\"percent\":50,\"abortStatus\":200,\"ttl\":\"PT1M\"}"),
                400,
                "abortStatus");
        assertProblem(
                admin.post(
                        "/api/v1/routes/refusing/faults", "{\"percent\":\"all\",\"abortStatus\":503,\"ttl\":\"PT1M\"}"),
                400,
                "percent");
        assertProblem(
                admin.post(
                        "/api/v1/routes/refusing/faults",
                        "{\"version\":\"BETA\",\"percent\":5,\"abortStatus\":503,\"ttl\":\"PT1M\"}"),
                400,
                "version");
        assertProblem(
                admin.post(
                        "/api/v1/routes/no-such-route/faults", "{\"percent\":50,\"abortStatus\":503,\"ttl\":\"PT1M\"}"),
                404);
        assertThat(JSON.readTree(admin.get("/api/v1/routes/refusing/faults").body()))
                .isEmpty();
    }

    static int auditCount(String action, String faultId) {
        try (var connection = TestDatabase.get().adminConnection();
                var statement = connection.prepareStatement(
                        "SELECT count(*) FROM audit.audit_log WHERE action = ? AND subject LIKE ?")) {
            statement.setString(1, action);
            statement.setString(2, "%/fault/" + faultId);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
