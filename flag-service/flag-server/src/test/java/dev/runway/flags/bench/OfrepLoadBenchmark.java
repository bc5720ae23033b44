package dev.runway.flags.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.FlagFixtures;
import dev.runway.testkit.ServiceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * OFREP throughput and latency with 50 concurrent clients, each sending its next request as soon as the
 * previous answer arrived (closed loop). Not part of the build (the name matches neither *Test nor *IT);
 * run it on its own, see flag-bench/BENCHMARK-RESULTS.md. The load generator runs in the server's JVM on
 * the same cores, so the figures are a floor for what the service does on a machine of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=warn", "server.tomcat.threads.max=200"})
class OfrepLoadBenchmark {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
    private static final int PASSES = Integer.getInteger("bench.passes", 2);

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException unavailable) {
            return "unknown";
        }
    }

    @LocalServerPort
    int port;

    @Test
    void singleAndBulkEvaluationUnderFiftyConcurrentClients() throws Exception {
        ServiceClient management = ServiceClient.at(port);
        FlagFixtures.create(management, FlagFixtures.checkout("bench-checkout"));
        for (int i = 0; i < 9; i++) {
            FlagFixtures.create(management, FlagFixtures.colour("bench-colour-" + i));
        }
        String key = FlagFixtures.sdkKey(management, "production");
        StringBuilder report = new StringBuilder();
        // Both paths warm up before either is measured: the first requests also compile the whole HTTP stack
        // (Tomcat, Spring MVC, Jackson, the client), so a path measured first used to look twice as slow. The
        // passes then alternate, so any drift in the machine's load shows up as a difference between passes.
        HttpClient warmup =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        drive(warmup, "/ofrep/v1/evaluate/flags/bench-checkout", key, WARMUP, null);
        drive(warmup, "/ofrep/v1/evaluate/flags", key, WARMUP, null);
        warmup.close();
        for (int pass = 1; pass <= PASSES; pass++) {
            report.append("pass ")
                    .append(pass)
                    .append(", load average ")
                    .append(loadAverage())
                    .append('\n');
            report.append(run("single", "/ofrep/v1/evaluate/flags/bench-checkout", key))
                    .append('\n');
            report.append(run("bulk (10 flags)", "/ofrep/v1/evaluate/flags", key))
                    .append('\n');
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "ofrep-load-benchmark.txt"), report.toString());
        assertThat(report.toString()).contains("single: clients=").contains("bulk (10 flags): clients=");
    }

    private String run(String name, String path, String key) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        drive(http, path, key, WARMUP, null);
        List<long[]> samples = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        long requests = drive(http, path, key, MEASURE, new Recorder(samples, errors));
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = samples.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        http.close();
        return String.format(
                "%s: clients=%d requests=%d throughput=%.0f req/s errors=%d latency %s",
                name, CLIENTS, requests, requests / seconds, errors.get(), Percentiles.of(all));
    }

    private record Recorder(List<long[]> samples, AtomicLong errors) {}

    private long drive(HttpClient http, String path, String key, Duration duration, Recorder recorder)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong total = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String body = "{\"context\":{\"targetingKey\":\"user-" + c + "\",\"country\":\"FR\",\"plan\":\"pro\"}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            threads.add(Thread.ofVirtual().start(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 && recorder != null) {
                            recorder.errors().incrementAndGet();
                        }
                    } catch (Exception failed) {
                        if (recorder != null) {
                            recorder.errors().incrementAndGet();
                        }
                    }
                    if (n == latencies.length) {
                        latencies = java.util.Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
                total.addAndGet(n);
                if (recorder != null) {
                    synchronized (recorder.samples()) {
                        recorder.samples().add(java.util.Arrays.copyOf(latencies, n));
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return total.get();
    }
}
