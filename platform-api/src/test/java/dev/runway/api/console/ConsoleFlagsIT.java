package dev.runway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.api.support.Identities;
import dev.runway.api.support.StandIn;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The flag page over plain HTTP with a real session: a deployer sees each flag's owning service and controls
 * only on the flags their team owns; switching an environment and setting its percentage reach the
 * flag-service (a stand-in) with the user's identity; a form for another team's flag, or one posted without
 * the session's CSRF token, is refused and reaches nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.api.identity.bootstrap-admin-token=" + Identities.ADMIN_TOKEN)
class ConsoleFlagsIT {
    static StandIn flags;
    static StandIn registry;

    /** Three flags: the shop's, the search team's, and one from before flags had owners. */
    static final String CHECKOUT = """
            {"version": 4, "flag": {"key": "new-checkout", "service": "shop-api", "defaultVariant": "on", "offVariant": "off",
              "environments": {"production": {"state": "ON", "rollout": {"bucketBy": "userId",
                "weights": [{"variant": "on", "basisPoints": 2500}, {"variant": "off", "basisPoints": 7500}]}}}}}
            """;

    static final String RANKING = """
            {"version": 2, "flag": {"key": "new-ranking", "service": "search-api", "defaultVariant": "on",
              "offVariant": "off", "environments": {"production": {"state": "ON"}}}}
            """;
    static final String BANNER = """
            {"version": 1, "flag": {"key": "old-banner", "service": null, "defaultVariant": "on",
              "offVariant": "off", "environments": {"production": {"state": "ON"}}}}
            """;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry properties) throws Exception {
        if (flags == null) {
            flags = StandIn.start(call -> new StandIn.Answer(
                    200,
                    switch (call.method() + " " + call.path()) {
                        case "GET /api/v1/flags" -> "[" + CHECKOUT + ", " + RANKING + ", " + BANNER + "]";
                        case "GET /api/v1/flags/new-checkout" -> CHECKOUT;
                        case "GET /api/v1/flags/new-ranking" -> RANKING;
                        case "GET /api/v1/flags/old-banner" -> BANNER;
                        default -> "{\"version\": 5}";
                    }));
            registry = StandIn.start(call -> new StandIn.Answer(
                    200,
                    call.path().endsWith("/search-api")
                            ? "{\"name\": \"search-api\", \"team\": \"search\"}"
                            : "{\"name\": \"shop-api\", \"team\": \"shop\"}"));
        }
        properties.add("runway.api.peers.flag-service", flags::url);
        properties.add("runway.api.peers.rollout-controller", registry::url);
    }

    @AfterAll
    static void stop() {
        flags.close();
        flags = null;
        registry.close();
        registry = null;
    }

    @LocalServerPort
    int port;

    final HttpClient http =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void aDeployerSwitchesAndSetsAPercentageAndAFormWithoutTheCsrfTokenIsRefused() throws Exception {
        var identities = new Identities(port);
        identities.team("shop");
        identities.user("flo", "correct-horse-battery", "deployer", "shop");
        logIn("flo", "correct-horse-battery");

        String page = get("/console/flags");
        assertThat(page).contains("new-checkout", "shop-api", "production", "on 25 % / off 75 %");
        // controls only on the shop's flag: not on the search team's, nor on the one no team owns
        assertThat(page).contains("/console/flags/new-checkout/kill", "/console/flags/new-checkout/environments");
        assertThat(page).contains("new-ranking", "search-api", "old-banner", "no owner (sre only)");
        assertThat(page).doesNotContain("/console/flags/new-ranking/", "/console/flags/old-banner/");
        assertThat(Pattern.compile("Switch off").matcher(page).results().count())
                .isEqualTo(1);
        String csrf = csrfOf(page);

        assertThat(post("/console/flags/new-checkout/environments/production/state", "state=OFF&_csrf=" + csrf))
                .isEqualTo(302);
        assertThat(post(
                        "/console/flags/new-checkout/environments/production/percent",
                        "percent=40&on=on&off=off&_csrf=" + csrf))
                .isEqualTo(302);
        var puts = flags.calls().stream().filter(c -> c.method().equals("PUT")).toList();
        assertThat(puts).hasSize(2);
        assertThat(puts.get(0).body()).isEqualTo("{\"state\":\"OFF\"}");
        assertThat(puts.get(0).header("X-Runway-Actor")).isEqualTo("flo");
        assertThat(puts.get(0).header("X-Runway-Actor-Kind")).isEqualTo("USER");
        assertThat(puts.get(1).path()).isEqualTo("/api/v1/flags/new-checkout/environments/production/rollout");
        assertThat(puts.get(1).body()).contains("\"basisPoints\":4000", "\"basisPoints\":6000");

        // another team's flag and a flag no team owns: refused even with the token, and nothing is sent
        assertThat(post("/console/flags/new-ranking/kill", "reason=x&_csrf=" + csrf))
                .isEqualTo(403);
        assertThat(post("/console/flags/old-banner/kill", "reason=x&_csrf=" + csrf))
                .isEqualTo(403);
        // without the token the form is refused and nothing reaches the flag-service
        assertThat(post("/console/flags/new-checkout/kill", "reason=x")).isEqualTo(403);
        assertThat(flags.calls().stream().filter(c -> c.method().equals("POST")))
                .isEmpty();
    }

    private void logIn(String user, String password) throws Exception {
        String csrf = csrfOf(get("/login"));
        int status = post(
                "/login",
                "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + csrf);
        assertThat(status).isEqualTo(302);
    }

    private String get(String path) throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private int post(String path, String form) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static String csrfOf(String page) {
        var matcher = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        String token = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
