package dev.runway.flags.environment;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.FlagFixtures;
import dev.runway.testkit.ServiceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnvironmentIT {
    @LocalServerPort
    int port;

    @Test
    void aNewEnvironmentServesItsFlagsOffAtOnceAndCanRequireApproval() throws Exception {
        ServiceClient management = ServiceClient.at(port);
        assertThat(management
                        .post("/api/v1/environments", "{\"key\": \"canary-lab\"}")
                        .status())
                .isEqualTo(201);
        FlagFixtures.create(management, FlagFixtures.colour("environment-colour"));
        String key = FlagFixtures.sdkKey(management, "canary-lab");
        HttpResponse<String> evaluated = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/ofrep/v1/evaluate/flags/environment-colour"))
                                .header("Authorization", "Bearer " + key)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u1\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(evaluated.statusCode()).isEqualTo(200);
        assertThat(evaluated.body()).contains("\"reason\":\"DISABLED\"").contains("\"value\":\"grey\"");

        var guarded = management.put("/api/v1/environments/canary-lab/approval", "{\"requiresApproval\": true}");
        assertThat(guarded.status()).isEqualTo(200);
        assertThat(guarded.body()).contains("\"requiresApproval\":true");
        assertThat(management
                        .put("/api/v1/flags/environment-colour/environments/canary-lab/state", "{\"state\": \"ON\"}")
                        .status())
                .as("a change to a guarded environment waits for approval")
                .isEqualTo(202);
        assertProblem(management.put("/api/v1/environments/canary-lab/approval", "{}"), 400, "requiresApproval");
    }
}
