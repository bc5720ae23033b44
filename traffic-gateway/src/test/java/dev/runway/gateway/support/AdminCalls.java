package dev.runway.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Admin calls several scenarios start from, each asserting that the gateway accepted it. */
public final class AdminCalls {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AdminCalls() {}

    /**
     * A route on its own host with prefix {@code /api}; {@code canaryPort} 0 means no canary pool (with one, the
     * route allows version pinning so that a test can address each version).
     */
    public static void createRoute(int adminPort, String id, String host, int stablePort, int canaryPort) {
        String canary =
                canaryPort == 0 ? "" : ",\"canary\":[\"http://127.0.0.1:" + canaryPort + "\"],\"versionPinning\":true";
        var created = ServiceClient.at(adminPort)
                .post(
                        "/api/v1/routes",
                        "{\"id\":\"" + id + "\",\"host\":\"" + host + "\",\"pathPrefix\":\"/api\","
                                + "\"stable\":[\"http://127.0.0.1:" + stablePort + "\"]" + canary + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Injects a fault; returns it as the gateway answered (id, expiresAt, …). */
    public static JsonNode injectFault(int adminPort, String route, String spec) {
        var response = ServiceClient.at(adminPort).post("/api/v1/routes/" + route + "/faults", spec);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }
}
