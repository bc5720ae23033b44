package dev.runway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.api.support.Browser;
import dev.runway.api.support.Identities;
import dev.runway.api.support.PublicApi;
import dev.runway.demo.DemoWorkload;
import dev.runway.testkit.ServiceProcess;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console in a real Chromium against a real running rollout: the rollout-controller, the traffic-gateway
 * and the slo-engine run from their exec jars as processes, the stable and canary versions are demo
 * workloads, and platform-api (this Spring context) is the only door the browser and the test use.
 *
 * <p>The scenarios run in order on one rollout: a viewer finds no control to change it and is refused when
 * posting anyway; a deployer of the owning team rolls it back; an sre edits the error-budget policy.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.api.identity.bootstrap-admin-token=" + Identities.ADMIN_TOKEN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "correct-horse-battery";

    static ServiceProcess gateway;
    static ServiceProcess controller;
    static ServiceProcess slo;
    static DemoWorkload stable;
    static DemoWorkload canary;
    static String rolloutId;
    static int trafficPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        if (gateway == null) {
            int gatewayPort = ServiceProcess.freePort();
            int controllerPort = ServiceProcess.freePort();
            int sloPort = ServiceProcess.freePort();
            String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
            String controllerUrl = "http://127.0.0.1:" + controllerPort;
            trafficPort = ServiceProcess.freePort();
            gateway = ServiceProcess.fromJarProperty("runway.gateway.jar", "traffic-gateway")
                    .port(gatewayPort)
                    .arg("--runway.gateway.traffic-port=" + trafficPort)
                    .arg("--runway.gateway.traffic-host=127.0.0.1")
                    .launch();
            controller = ServiceProcess.fromJarProperty("runway.controller.jar", "rollout-controller")
                    .port(controllerPort)
                    .arg("--runway.rollouts.gateway-admin-url=" + gatewayUrl)
                    .arg("--runway.rollouts.reconcile.interval=PT0.5S")
                    .launch();
            slo = ServiceProcess.fromJarProperty("runway.slo.jar", "slo-engine")
                    .port(sloPort)
                    .arg("--runway.slo.gateway-url=" + gatewayUrl)
                    .arg("--runway.slo.rollout-controller-url=" + controllerUrl)
                    .launch();
            // the three start side by side; each is waited for once, for the whole class
            for (ServiceProcess process : List.of(gateway, controller, slo)) {
                process.awaitHealthy();
            }
            stable = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
            canary = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(0, 0, 0));
            stable.start();
            canary.start();
        }
        registry.add("runway.api.peers.traffic-gateway", gateway::url);
        registry.add("runway.api.peers.rollout-controller", controller::url);
        registry.add("runway.api.peers.slo-engine", slo::url);
        // flags and chaos are not running: their pages must still render
        int nobody = ServiceProcess.freePort();
        registry.add("runway.api.peers.flag-service", () -> "http://127.0.0.1:" + nobody);
        registry.add("runway.api.peers.chaos-service", () -> "http://127.0.0.1:" + nobody);
    }

    /** Before the Spring context and the services start: without Chromium there is nothing to run them for. */
    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gateway, controller, slo}) {
            if (c != null) {
                c.close();
            }
        }
        if (stable != null) {
            stable.stop();
            canary.stop();
        }
        gateway = null;
    }

    @LocalServerPort
    int port;

    Identities ids;

    @BeforeEach
    void givenARunningRolloutOfAServiceOwnedByTeamShop() throws Exception {
        ids = new Identities(port);
        if (rolloutId != null) {
            return;
        }
        ids.team("shop");
        ids.user("vic", PASSWORD, "viewer");
        ids.user("dora", PASSWORD, "deployer", "shop");
        ids.user("sam", PASSWORD, "sre");
        PublicApi admin = ids.admin();
        String stableUrl = "http://127.0.0.1:" + stable.port();
        var route = admin.post("/api/v1/routes", """
                {"id": "shop-route", "pathPrefix": "/api", "stable": ["%s"], "canary": [], "canaryWeight": 0}
                """.formatted(stableUrl));
        assertThat(route.status()).as(route.body()).isEqualTo(201);
        var service = admin.post("/api/v1/services", """
                {"name": "shop-api", "team": "shop", "deploymentDriver": "STATIC", "routeId": "shop-route",
                 "stableUpstream": "%s", "stableVersion": "v1"}
                """.formatted(stableUrl));
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        // CI posts the deployment with a deployer's token; a long bake keeps the canary at 50 %
        PublicApi ci = PublicApi.at(port, ids.token("deployer", "shop"));
        var deployment = ci.post("/api/v1/deployments", """
                {"service": "shop-api", "version": "v2", "canaryUrl": "http://127.0.0.1:%d",
                 "commitSha": "c0ffee1", "commitTime": "2026-11-20T08:00:00Z",
                 "strategy": [{"type": "setWeight", "percent": 50}, {"type": "bake", "duration": "PT30M"}]}
                """.formatted(canary.port()));
        assertThat(deployment.status()).as(deployment.body()).isEqualTo(201);
        rolloutId = JSON.readTree(deployment.body()).path("rolloutId").asString();
        awaitCanaryWeight(admin, 5000);
    }

    @Test
    @Order(1)
    void aViewerSeesNoMutatingControlAndADirectPostIsRefused() throws Exception {
        Browser.requireChromium();
        try (Browser browser = Browser.open()) {
            var driver = browser.driver();
            // given a viewer logged in
            browser.logIn(base(), "vic", PASSWORD);
            // when the viewer opens the running rollout
            driver.get(base() + "/console/rollouts/" + rolloutId);
            browser.await("50 .equals(d.findElement(By.id(canary", d -> "50"
                    .equals(d.findElement(By.id("canary-weight")).getText()));
            browser.screenshot("viewer-rollout");
            // then no control that changes anything is rendered, here or on the SLO page
            assertThat(driver.findElements(By.cssSelector("#rollback, #promote, #pause, #resume, #halt-all")))
                    .isEmpty();
            driver.get(base() + "/console/slos");
            assertThat(driver.findElements(By.id("policy-editor"))).isEmpty();
            browser.screenshot("viewer-slos");
            // and a rollback posted by hand, CSRF token and all, is refused
            driver.get(base() + "/console/rollouts/" + rolloutId);
            Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                            var done = arguments[arguments.length - 1];
                            var token = document.querySelector('meta[name=_csrf]').content;
                            fetch('/console/rollouts/%s/rollback', {method: 'POST',
                                headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                                body: '_csrf=' + encodeURIComponent(token) + '&reason=viewer+tries'})
                              .then(function (r) { done(r.status); });
                            """.formatted(rolloutId));
            assertThat(((Number) status).intValue()).isEqualTo(403);
        }
        assertThat(canaryWeight(ids.admin())).isEqualTo(5000);
    }

    @Test
    @Order(2)
    void aDeployerOfTheOwningTeamRollsBackWithOneClickAndSeesTheWeightReachZeroWithTheReason() throws Exception {
        Browser.requireChromium();
        try (Browser browser = Browser.open()) {
            var driver = browser.driver();
            // given a deployer of team shop on the services page, which shows the active rollout
            browser.logIn(base(), "dora", PASSWORD);
            browser.await(
                    "!d.findElements(By.cssSelector(a.active",
                    d -> !d.findElements(By.cssSelector("a.active-rollout")).isEmpty());
            browser.screenshot("deployer-services");
            driver.findElement(By.cssSelector("a.active-rollout")).click();
            browser.await("50 .equals(d.findElement(By.id(canary", d -> "50"
                    .equals(d.findElement(By.id("canary-weight")).getText()));
            // and, with users calling the service, the analysis's figures per metric appear by themselves
            try (var users = Executors.newVirtualThreadPerTaskExecutor()) {
                var http = java.net.http.HttpClient.newHttpClient();
                var calling = new java.util.concurrent.atomic.AtomicBoolean(true);
                users.submit(() -> {
                    while (calling.get()) {
                        http.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                                "http://127.0.0.1:" + trafficPort + "/api/price?sku=ABC"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
                        Thread.sleep(20);
                    }
                    return null;
                });
                try {
                    browser.waiting()
                            .withTimeout(java.time.Duration.ofSeconds(60))
                            .until(d ->
                                    d.findElement(By.id("metrics")).getText().contains("error-ratio"));
                } finally {
                    calling.set(false);
                }
            }
            assertThat(driver.findElement(By.id("metrics")).getText()).contains("error-ratio", "latency");
            browser.screenshot("deployer-rollout-running");
            // when they click Roll back, saying why
            driver.findElement(By.id("rollback-reason")).sendKeys("checkout totals wrong in canary");
            driver.findElement(By.id("rollback")).click();
            // then the page, updating by itself, shows the canary weight at 0 and the reason
            browser.await("0.equals(d.findElement(By.id(canary-w", d -> "0"
                    .equals(d.findElement(By.id("canary-weight")).getText()));
            browser.waiting()
                    .until(d ->
                            d.findElement(By.id("transitions")).getText().contains("checkout totals wrong in canary"));
            browser.await("ROLLED_BACK .equals(d.findElement(By.i", d -> "ROLLED_BACK"
                    .equals(d.findElement(By.id("rollout-state")).getText()));
            browser.screenshot("deployer-rolled-back");
        }
        assertThat(canaryWeight(ids.admin())).isZero();
    }

    @Test
    @Order(3)
    void anSreEditsTheErrorBudgetPolicy() throws Exception {
        Browser.requireChromium();
        try (Browser browser = Browser.open()) {
            var driver = browser.driver();
            browser.logIn(base(), "sam", PASSWORD);
            driver.get(base() + "/console/slos");
            var normal = driver.findElement(By.id("normalAbove"));
            normal.clear();
            normal.sendKeys("0.3");
            driver.findElement(By.id("policy-reason")).sendKeys("tighten after incident 812");
            driver.findElement(By.id("save-policy")).click();
            browser.await(
                    "d.findElement(By.id(current-normal)).g",
                    d -> d.findElement(By.id("current-normal")).getText().equals("0.3"));
            assertThat(driver.findElement(By.id("notice")).getText()).contains("policy saved");
            browser.screenshot("sre-policy-edited");
        }
        JsonNode policy = JSON.readTree(ids.admin().get("/api/v1/policy").body());
        assertThat(policy.path("policy").path("normalAbove").asDouble()).isEqualTo(0.3);
        assertThat(policy.path("actor").asString()).isEqualTo("sam");
    }

    @Test
    @Order(4)
    void anSreSeesOnTheSloPageTheBudgetAChaosExperimentSpent() throws Exception {
        Browser.requireChromium();
        // given an SLO on the route, and a chaos experiment's fault that fails the requests of one drill group
        PublicApi admin = ids.admin();
        var slo = admin.post("/api/v1/slos", """
                {"name": "shop-availability", "service": "shop-api", "target": 0.99, "window": "30d",
                 "indicator": {"kind": "gateway-availability", "route": "shop-route"}}""");
        assertThat(slo.status()).as(slo.body()).isEqualTo(201);
        var fault = gateway.client().post("/api/v1/routes/shop-route/faults", """
                {"experiment": "drill-503", "percent": 100, "abortStatus": 503, "ttl": "PT10M",
                 "header": {"name": "X-Drill", "value": "yes"}}""");
        assertThat(fault.status()).as(fault.body()).isEqualTo(201);
        // when 20 requests of the drill group and 20 others go through the gateway
        var http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 40; i++) {
            var request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + trafficPort + "/api/price?sku=D" + i));
            if (i % 2 == 0) {
                request.header("X-Drill", "yes");
            }
            http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        // then, once the gateway has flushed and the engine has evaluated, the SLO's status names the experiment
        String status = "";
        for (int i = 0; i < 120 && !status.contains("\"experiment\":\"drill-503\""); i++) {
            Thread.sleep(500);
            status = admin.get("/api/v1/slos/shop-availability/status").body();
        }
        assertThat(status).contains("\"experiment\":\"drill-503\"");
        // and so does the SLO page
        try (Browser browser = Browser.open()) {
            var driver = browser.driver();
            browser.logIn(base(), "sam", PASSWORD);
            driver.get(base() + "/console/slos");
            String row = driver.findElements(By.cssSelector("tr.chaos-spend")).stream()
                    .filter(r -> r.getText().contains("drill-503"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row for drill-503 on the SLO page: "
                            + driver.findElement(By.tagName("main")).getText()))
                    .getText();
            browser.screenshot("sre-slo-chaos-spend");
            // 20 bad events of the drill group, against a budget of 1 % of the window's events
            assertThat(row).contains("chaos experiment drill-503", " 20 20 ");
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** In basis points, as the gateway keeps it (5000 = 50 %). */
    private static int canaryWeight(PublicApi api) {
        return JSON.readTree(api.get("/api/v1/routes/shop-route").body())
                .path("canaryWeight")
                .asInt(-1);
    }

    private static void awaitCanaryWeight(PublicApi api, int weight) throws InterruptedException {
        for (int i = 0; i < 240 && canaryWeight(api) != weight; i++) {
            Thread.sleep(250);
        }
        assertThat(canaryWeight(api)).as(api.get("/api/v1/rollouts").body()).isEqualTo(weight);
    }
}
