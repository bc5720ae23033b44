package dev.runway.gateway;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.gateway.traffic.TrafficServer;
import dev.runway.testkit.ServiceClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.gateway.traffic-port=0")
class TrafficFlowIT {
    static DemoWorkload stable;

    @LocalServerPort
    int adminPort;

    @Autowired
    TrafficServer traffic;

    @BeforeAll
    static void startUpstream() throws Exception {
        stable = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        stable.start();
    }

    @AfterAll
    static void stopUpstream() {
        stable.stop();
    }

    @Test
    void givenARouteWhenTrafficArrivesThenTheStableUpstreamAnswersThroughTheTrafficPort() {
        var admin = ServiceClient.at(adminPort);
        var created = admin.post(
                "/api/v1/routes",
                "{\"id\": \"pricing\", \"pathPrefix\": \"/api\", \"stable\": [\"http://127.0.0.1:" + stable.port()
                        + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        var user = ServiceClient.at("http://127.0.0.1:" + traffic.port(), null);
        var price = user.get("/api/price?sku=ABC");
        assertThat(price.status()).isEqualTo(200);
        assertThat(price.body()).contains("\"version\":\"v1\"", "\"sku\":\"ABC\"");
    }

    @Test
    void theAdminApiIsNotReachableThroughTheTrafficPort() {
        var user = ServiceClient.at("http://127.0.0.1:" + traffic.port(), null);
        var response = user.get("/actuator/health");
        assertThat(response.body()).doesNotContain("\"status\":\"UP\"");
        assertProblem(user.get("/nowhere"), 404);
    }

    @Test
    void anInvalidRouteIsRefusedWholeAndNothingIsStored() {
        var admin = ServiceClient.at(adminPort);
        var problem = assertProblem(
                admin.post(
                        "/api/v1/routes",
                        "{\"id\": \"broken\", \"pathPrefix\": \"/b\", \"stable\": [\"ftp://x\"], \"canaryWeight\": 20000}"),
                400);
        assertThat(dev.runway.testkit.Problems.fields(problem)).contains("stable[0]", "canaryWeight");
        assertProblem(admin.get("/api/v1/routes/broken"), 404);
    }
}
