package dev.runway.cli;

import dev.runway.common.actor.RunwayHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start the platform with the demo workload behind the gateway and walk through a scenario.")
final class DemoCommand implements Callable<Integer> {
    private static final Pattern VERSION = Pattern.compile("\"version\":\"([^\"]+)\"");

    @Option(names = "--requests", defaultValue = "200", description = "Requests to send through the gateway.")
    int requests;

    @Option(names = "--exit", description = "Stop the platform when the scenario ends instead of keeping it up.")
    boolean exitAfter;

    @Option(
            names = "--no-rollout",
            description = "Skip the canary rollout of pricing v2 (the part that shows an automatic rollback).")
    boolean skipRollout;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || requests > 100_000) {
            throw new CliException("--requests must be between 1 and 100000, got " + requests);
        }
        Progress progress = new Progress(System.out);
        progress.say("Runway demo (Ctrl-C stops everything)");
        Platform platform = new Platform(PlatformCli.localState(), Ports.fromEnvironment(), progress);
        Supervision.stopOnExit(platform, progress);
        progress.say("\nStep 1. Start the platform");
        Supervision.start(platform);

        progress.say("\nStep 2. Start the demo workload: pricing v1 (stable)");
        Ports ports = platform.ports();
        int stablePort = ports.of(Ports.DEMO_STABLE);
        startPricing(platform, stablePort, "v1");
        platform.recordRun();
        progress.step("pricing v1", "http://127.0.0.1:" + stablePort);

        progress.say("\nStep 3. Route /api through the gateway to the stable version");
        String admin = "http://localhost:" + ports.of(Ports.GATEWAY_ADMIN);
        String route =
                "{\"id\":\"pricing\",\"pathPrefix\":\"/api\",\"stable\":[\"http://127.0.0.1:" + stablePort + "\"]}";
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(admin + "/api/v1/routes/pricing"))
                        .header("Content-Type", "application/json")
                        .header(RunwayHeaders.INTERNAL_TOKEN, platform.internalToken())
                        .header(RunwayHeaders.ACTOR, "demo")
                        .header(RunwayHeaders.REASON, "demo scenario")
                        .PUT(HttpRequest.BodyPublishers.ofString(route))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() >= 300) {
            throw new CliException("the gateway refused the demo route: " + created.body());
        }
        progress.step("route pricing", "/api -> v1 (audited as actor 'demo')");

        progress.say("\nStep 4. Send " + requests + " requests through the gateway");
        String traffic = "http://localhost:" + ports.of(Ports.GATEWAY_TRAFFIC);
        Map<String, Integer> byVersion = new TreeMap<>();
        int ok = 0;
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(traffic + "/api/price?sku=SKU-" + (i % 20)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            ok += response.statusCode() == 200 ? 1 : 0;
            Matcher version = VERSION.matcher(response.body());
            byVersion.merge(version.find() ? version.group(1) : "none", 1, Integer::sum);
        }
        progress.step("responses", ok + " of " + requests + " OK, by version " + byVersion);

        if (!skipRollout) {
            canaryRollout(platform, stablePort, traffic, progress);
        }
        progress.say("\nTry it:  curl '" + traffic + "/api/price?sku=ABC'");
        progress.say("Console: http://localhost:" + ports.of(Ports.API)
                + "/console (user admin, the admin token as password)");
        if (exitAfter) {
            return 0;
        }
        progress.say("The platform keeps running; Ctrl-C or ./platform down stops it.");
        platform.awaitShutdown();
        return 0;
    }

    /**
     * The paved road on the demo service: register it for progressive delivery, let "CI" deploy a v2 that fails
     * 5 % of requests, and watch the canary analysis roll it back while traffic flows, all through the public
     * API with the admin token.
     */
    private void canaryRollout(Platform platform, int stablePort, String traffic, Progress progress) throws Exception {
        Ports ports = platform.ports();
        PublicApi api = new PublicApi(
                "http://localhost:" + ports.of(Ports.API),
                PlatformCli.localState().secret("admin-token"),
                "demo scenario");

        progress.say("\nStep 5. Register pricing for progressive delivery (public API, admin token)");
        // a second demo on the same state finds the service from the first one
        if (api.find("/api/v1/services/pricing").isPresent()) {
            progress.step("service pricing", "registered by an earlier demo run");
        } else {
            api.post(
                    "/api/v1/services",
                    Map.of(
                            "name",
                            "pricing",
                            "team",
                            "demo",
                            "deploymentDriver",
                            "STATIC",
                            "routeId",
                            "pricing",
                            "stableVersion",
                            "v1",
                            "stableUpstream",
                            "http://127.0.0.1:" + stablePort,
                            // short steps for a demo; the built-in strategy bakes minutes per step
                            "defaultStrategy",
                            List.of(
                                    Map.of("type", "setWeight", "percent", 20),
                                    Map.of("type", "bake", "duration", "PT2M"),
                                    Map.of("type", "setWeight", "percent", 50),
                                    Map.of("type", "bake", "duration", "PT1M"))));
            progress.step("service pricing", "static upstreams, routed by the gateway, judged from its metrics");
        }

        progress.say("\nStep 6. Start pricing v2, which fails 5 % of its requests");
        int canaryPort = ports.of(Ports.DEMO_CANARY);
        startPricing(platform, canaryPort, "v2", "--error-rate", "0.05");
        platform.recordRun();
        progress.step("pricing v2", "http://127.0.0.1:" + canaryPort + " (5 % errors)");

        abortLeftoverRollouts(api, progress);
        awaitKnownPosture(api, progress);

        progress.say("\nStep 7. CI deploys v2 (POST /api/v1/deployments) while users keep calling");
        Load load = Load.start(http, traffic + "/api/price?sku=ABC", 40);
        try {
            JsonNode deployment = api.post(
                    "/api/v1/deployments",
                    Map.of(
                            "service", "pricing",
                            "version", "v2",
                            "canaryUrl", "http://127.0.0.1:" + canaryPort,
                            "commitSha", "9e4579a1",
                            "commitTime",
                                    java.time.Instant.now().minusSeconds(600).toString()));
            String rolloutId = deployment.path("rolloutId").asString("");
            if (rolloutId.isEmpty()) {
                throw new CliException("the deployment answered without a rollout id: " + deployment);
            }
            progress.step(
                    "rollout", rolloutId + " (" + deployment.path("rolloutUrl").asString("") + ")");

            progress.say("\nStep 8. Watch the canary analysis judge v2 against v1 (up to 4 minutes)");
            String last = "";
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            JsonNode rollout = null;
            while (System.nanoTime() < deadline) {
                rollout = api.get("/api/v1/rollouts/" + rolloutId);
                String state = rollout.path("state").asString() + " "
                        + rollout.path("step").asString("");
                if (!state.equals(last)) {
                    progress.step("state", state.strip());
                    last = state;
                }
                if (Set.of("ROLLED_BACK", "PROMOTED", "FAILED", "PAUSED")
                        .contains(rollout.path("state").asString())) {
                    break;
                }
                Thread.sleep(1000);
            }
            if (rollout != null) {
                progress.step("reason", rollout.path("reason").asString());
                progress.step("traffic", load.summary());
                progress.say("  console: http://localhost:" + ports.of(Ports.API) + "/console/rollouts/" + rolloutId);
            }
        } finally {
            load.close();
        }
    }

    /** One version of the demo pricing workload as a process of the platform, waited for until it answers. */
    private void startPricing(Platform platform, int port, String version, String... options) throws Exception {
        ServiceProcesses.requireFreePort(port, "demo workload " + version);
        List<String> command = new java.util.ArrayList<>(List.of(
                ServiceProcesses.javaBinary(),
                "-jar",
                demoJar().toString(),
                "--port",
                String.valueOf(port),
                "--version",
                version));
        command.addAll(List.of(options));
        Process process = platform.processes().startProgram("demo-pricing-" + version, command);
        awaitUp("http://127.0.0.1:" + port + "/health", process);
    }

    /**
     * A demo stopped half-way (Ctrl-C, or the platform stopped) leaves its rollout unfinished, and a service takes
     * one rollout at a time: abort it, as an on-call engineer would, and wait until it has rolled back.
     */
    private static void abortLeftoverRollouts(PublicApi api, Progress progress) throws InterruptedException {
        JsonNode rollouts = api.get("/api/v1/rollouts?service=pricing&limit=20");
        for (JsonNode rollout : rollouts.isArray() ? rollouts : rollouts.path("items")) {
            String id = rollout.path("id").asString();
            if (Set.of("ROLLED_BACK", "PROMOTED", "FAILED")
                    .contains(rollout.path("state").asString())) {
                continue;
            }
            api.post("/api/v1/rollouts/" + id + "/abort", Map.of("reason", "an earlier demo run left it unfinished"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String state = "";
            while (!Set.of("ROLLED_BACK", "FAILED").contains(state) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                state = api.get("/api/v1/rollouts/" + id).path("state").asString();
            }
            progress.step("earlier rollout", id + " left unfinished by an earlier demo run: aborted, " + state);
        }
    }

    /**
     * Until the slo-engine's first evaluation since start-up has published, every posture reads TIGHTEN and the
     * controller would replace the demo's short strategy with the careful built-in one (rings first, long bakes),
     * which the demo's four minutes cannot show. CI on a platform just started would wait the same way.
     */
    private static void awaitKnownPosture(PublicApi api, Progress progress) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode posture = api.get("/api/v1/services/pricing/posture");
        while (!posture.path("evaluated").asBoolean(false) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            posture = api.get("/api/v1/services/pricing/posture");
        }
        progress.step(
                "posture",
                posture.path("posture").asString("?") + " ("
                        + posture.path("reason").asString("") + ")");
    }

    /** Steady requests through the gateway from a virtual thread, counting answers by version and status. */
    private static final class Load implements AutoCloseable {
        private final Map<String, Integer> byVersion = new java.util.concurrent.ConcurrentSkipListMap<>();
        private volatile boolean running = true;
        private final Thread thread;

        private Load(HttpClient http, String url, int perSecond) {
            thread = Thread.ofVirtual().start(() -> {
                long pause = 1000L / perSecond;
                while (running) {
                    try {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                        Matcher version = VERSION.matcher(response.body());
                        String key = (version.find() ? version.group(1) : "?") + " " + response.statusCode();
                        byVersion.merge(key, 1, Integer::sum);
                        Thread.sleep(pause);
                    } catch (InterruptedException stop) {
                        return;
                    } catch (IOException e) {
                        byVersion.merge("unreachable", 1, Integer::sum);
                    }
                }
            });
        }

        static Load start(HttpClient http, String url, int perSecond) {
            return new Load(http, url, perSecond);
        }

        String summary() {
            return "requests by version and status " + byVersion;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(2000);
        }
    }

    private void awaitUp(String url, Process process) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new CliException("the demo workload exited with code " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new CliException("the demo workload did not answer at " + url);
    }

    private static Path demoJar() throws IOException {
        Path target = PlatformCli.projectRoot().resolve("deploy/demo-workload/target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "demo-workload-*.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new CliException("no demo workload jar in " + target + ": build first (./platform build)");
    }
}
