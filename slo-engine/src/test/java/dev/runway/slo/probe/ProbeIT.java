package dev.runway.slo.probe;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.slo.Caller;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Synthetic probes over real HTTP and PostgreSQL: a journey against a small shop, results kept, the probe's
 * success ratio as an SLO's indicator, and a failing journey raising its alert and resolving it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runway.slo.probes.tick=PT0.2S", "runway.slo.interval=PT1S"})
class ProbeIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicBoolean HEALTHY = new AtomicBoolean(true);
    static final String SECRET = "s3cr3t-" + System.nanoTime();
    static final HttpServer SHOP = shop();
    static final java.nio.file.Path SECRETS = secrets();

    @org.springframework.test.context.DynamicPropertySource
    static void secretsDir(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("runway.slo.probes.secrets-dir", SECRETS::toString);
    }

    private static java.nio.file.Path secrets() {
        try {
            var dir = java.nio.file.Files.createTempDirectory("probe-secrets");
            java.nio.file.Files.writeString(dir.resolve("SHOP_TOKEN"), SECRET + "\n");
            return dir;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        SHOP.stop(0);
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    String journey(String name) {
        return """
                {"name": "%s", "service": "shop", "interval": "PT10S",
                 "baseUrl": "http://127.0.0.1:%d",
                 "steps": [
                   {"name": "catalogue", "path": "/api/items", "expect": {"status": 200, "bodyContains": "items"}},
                   {"name": "basket", "method": "POST", "path": "/api/basket", "body": "{\\"sku\\": \\"A1\\"}",
                    "headers": {"Content-Type": "application/json"}, "expect": {"status": 201, "maxLatencyMs": 5000}}
                 ]}""".formatted(name, SHOP.getAddress().getPort());
    }

    @Test
    void badProbesAre400NamingTheFieldAndOnlyTheSreRoleMayDefineThem() {
        var sre = Caller.sre(port);
        assertProblem(
                sre.post("/api/v1/probes", journey("bad-path").replace("\"/api/items\"", "\"api/items\"")),
                400,
                "steps[0].path");
        assertProblem(sre.post("/api/v1/probes", journey("bad-every").replace("PT10S", "PT1S")), 400, "interval");
        assertProblem(
                sre.post("/api/v1/probes", journey("bad-status").replace("\"status\": 201", "\"status\": 99")),
                400,
                "steps[1].expect.status");
        assertProblem(sre.get("/api/v1/probes/bad-path"), 404);
        assertProblem(
                Caller.at(port, "dev-dana", "USER", "deployer").post("/api/v1/probes", journey("not-mine")),
                403,
                "X-Runway-Actor-Roles");
    }

    @Test
    void aCredentialIsAReferenceToASecretTheEngineHoldsAndNeverAStoredValue() throws Exception {
        var sre = Caller.sre(port);
        String literal = privateJourney("shop-private", "Bearer " + SECRET);
        // a credential given as a value is refused, naming the header, and nothing is stored
        assertProblem(sre.post("/api/v1/probes", literal), 400, "steps[0].headers.Authorization");
        assertThat(sre.get("/api/v1/probes").body()).doesNotContain(SECRET);
        // a reference to a secret the engine does not hold would fail every run: refused too
        assertProblem(
                sre.post("/api/v1/probes", privateJourney("shop-private", "Bearer ${secret:NOBODY_HAS_IT}")),
                400,
                "steps[0].headers.Authorization");

        // given a reference to a secret in the engine's secrets directory
        var created = sre.post("/api/v1/probes", privateJourney("shop-private", "Bearer ${secret:SHOP_TOKEN}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        // then the journey sends the secret, and only the reference is stored and shown
        JsonNode run =
                await("/api/v1/probes/shop-private/results", r -> r.size() >= 1).get(0);
        assertThat(run.path("success").asBoolean()).as(run.toString()).isTrue();
        assertThat(sre.get("/api/v1/probes/shop-private").body())
                .contains("Bearer ${secret:SHOP_TOKEN}")
                .doesNotContain(SECRET);
        assertThat(jdbc.sql("SELECT count(*) FROM probes WHERE spec::text LIKE :s")
                        .param("s", "%" + SECRET + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private String privateJourney(String name, String authorization) {
        return """
                {"name": "%s", "service": "shop", "interval": "PT10S", "baseUrl": "http://127.0.0.1:%d",
                 "steps": [{"name": "orders", "path": "/api/private", "headers": {"Authorization": "%s"},
                            "expect": {"status": 200}}]}""".formatted(name, SHOP.getAddress().getPort(), authorization);
    }

    @Test
    void aJourneyRunsOnScheduleFeedsAnSloAndAFailingJourneyRaisesAnAlertUntilItPassesAgain() throws Exception {
        var sre = Caller.sre(port);
        assertThat(sre.post("/api/v1/probes", journey("shop-buy")).status()).isEqualTo(201);
        assertThat(sre.post("/api/v1/slos", """
                {"name": "shop-journey", "service": "shop", "target": 0.99, "window": "7d", "minimumEvents": 1,
                 "indicator": {"kind": "probe", "probe": "shop-buy"}}""").status()).isEqualTo(201);

        // given a journey that passes
        JsonNode first =
                await("/api/v1/probes/shop-buy/results", r -> r.size() >= 1).get(0);
        assertThat(first.path("success").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.path("reason").asString()).isEqualTo("all 2 steps passed");
        await("/api/v1/slos/shop-journey/status", s -> s.path("events").asLong() >= 1);

        // when the shop starts failing, two runs in a row fail and raise the probe's alert
        HEALTHY.set(false);
        for (int run = 0; run < 2; run++) {
            int before = results().size();
            assertThat(sre.post("/api/v1/probes/shop-buy/run", "").status()).isEqualTo(202);
            await("/api/v1/probes/shop-buy/results", r -> r.size() > before);
        }
        JsonNode failed = results().get(0);
        assertThat(failed.path("success").asBoolean()).isFalse();
        assertThat(failed.path("failedStep").asInt()).isZero();
        assertThat(failed.path("reason").asString()).contains("catalogue", "status 503, expected 200");
        JsonNode alert = await(
                        "/api/v1/alerts?slo=probe:shop-buy",
                        a -> a.size() == 1
                                && "FIRING".equals(a.get(0).path("state").asString()))
                .get(0);
        assertThat(alert.path("label").asString()).isEqualTo("probe-failed");
        assertThat(alert.path("severity").asString()).isEqualTo("TICKET");
        // and the SLO counts the failed runs as bad events
        await("/api/v1/slos/shop-journey/status", s -> s.path("badEvents").asLong() >= 2);

        // when it passes again, the alert resolves
        HEALTHY.set(true);
        assertThat(sre.post("/api/v1/probes/shop-buy/run", "").status()).isEqualTo(202);
        await(
                "/api/v1/alerts?slo=probe:shop-buy",
                a -> a.size() == 1 && "RESOLVED".equals(a.get(0).path("state").asString()));
    }

    private JsonNode results() {
        return JSON.readTree(
                Caller.sre(port).get("/api/v1/probes/shop-buy/results").body());
    }

    private JsonNode await(String path, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            var response = Caller.sre(port).get(path);
            last = response.body();
            if (response.status() == 200 && done.test(JSON.readTree(last))) {
                return JSON.readTree(last);
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " did not get there; last: " + last);
    }

    private static HttpServer shop() {
        try {
            HttpServer shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            shop.createContext(
                    "/api/items", exchange -> answer(exchange, HEALTHY.get() ? 200 : 503, "{\"items\": []}"));
            shop.createContext(
                    "/api/private",
                    exchange -> answer(
                            exchange,
                            ("Bearer " + SECRET)
                                            .equals(exchange.getRequestHeaders().getFirst("Authorization"))
                                    ? 200
                                    : 401,
                            "{}"));
            shop.createContext("/api/basket", exchange -> {
                exchange.getRequestBody().readAllBytes();
                answer(exchange, 201, "{\"basket\": 1}");
            });
            shop.start();
            return shop;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
