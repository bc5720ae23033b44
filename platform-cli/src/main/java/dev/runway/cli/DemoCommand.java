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
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
        ServiceProcesses.requireFreePort(stablePort, "demo workload");
        Process stable = platform.processes()
                .startProgram(
                        "demo-pricing-v1",
                        List.of(
                                ServiceProcesses.javaBinary(),
                                "-jar",
                                demoJar().toString(),
                                "--port",
                                String.valueOf(stablePort),
                                "--version",
                                "v1"));
        awaitUp("http://127.0.0.1:" + stablePort + "/health", stable);
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
        progress.say("\nTry it:  curl '" + traffic + "/api/price?sku=ABC'");
        if (exitAfter) {
            return 0;
        }
        progress.say("The platform keeps running; Ctrl-C or ./platform down stops it.");
        platform.awaitShutdown();
        return 0;
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
