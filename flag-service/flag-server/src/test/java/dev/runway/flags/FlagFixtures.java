package dev.runway.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tiny factories for tests that need flags and SDK keys through the real management API. */
public final class FlagFixtures {
    private FlagFixtures() {}

    /** A boolean flag: on for country DE, 10 % rollout elsewhere in production; plain on in staging. */
    public static String checkout(String key) {
        return """
                {"key": "%s", "type": "BOOLEAN", "variants": {"on": true, "off": false},
                 "defaultVariant": "on", "offVariant": "off",
                 "environments": {
                   "staging": {"state": "ON"},
                   "production": {"state": "ON", "rules": [
                     {"id": "de", "conditions": [{"attribute": "country", "operator": "in", "values": ["DE"]}],
                      "serve": {"variant": "on"}}],
                     "rollout": {"weights": [{"variant": "on", "basisPoints": 1000}, {"variant": "off", "basisPoints": 9000}]}}}}
                """.formatted(key);
    }

    /** A string flag that is simply on everywhere, serving "blue". */
    public static String colour(String key) {
        return """
                {"key": "%s", "type": "STRING", "variants": {"blue": "blue", "grey": "grey"},
                 "defaultVariant": "blue", "offVariant": "grey",
                 "environments": {"staging": {"state": "ON"}, "production": {"state": "ON"}}}
                """.formatted(key);
    }

    /** Creates a flag, approving it as a second person when production requires that. */
    public static void create(ServiceClient client, String document) {
        var response = approved(client, client.post("/api/v1/flags", document));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    /** If the response is a proposal (202), approves it as another person and returns that answer. */
    public static ServiceClient.Response approved(ServiceClient client, ServiceClient.Response response) {
        if (response.status() != 202) {
            return response;
        }
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return client.as("approver").post("/api/v1/approvals/" + id.group(1) + "/approve", "");
    }

    /** Issues an SDK key for the environment and returns its secret. */
    public static String sdkKey(ServiceClient client, String environment) {
        var issued = client.post("/api/v1/environments/" + environment + "/sdk-keys", "{\"name\": \"test\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Matcher matcher = Pattern.compile("\"key\":\"(rw-sdk-[^\"]+)\"").matcher(issued.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
