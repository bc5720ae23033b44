package dev.runway.flags.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.FlagFixtures;
import dev.runway.testkit.ServiceClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Kill switch to 1,000 subscribed clients: each holds an SSE stream; the time from sending the kill to each
 * client having the ruleset with the flag KILLED is one sample. Several rounds (kill, then switch the flag
 * back on in staging, which the benchmark's clients read). Not part of the build; see
 * flag-bench/BENCHMARK-RESULTS.md. Clients and server share the JVM and its cores.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=warn", "server.tomcat.max-connections=4096"})
class KillSwitchBenchmark {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    private static final Pattern STATE = Pattern.compile("\\{\"key\":\"bench-kill\".*?\"state\":\"([A-Z]+)\"");

    @LocalServerPort
    int port;

    /** One subscriber: remembers when it first saw the awaited state. */
    private static final class Subscriber {
        final AtomicReference<String> awaited = new AtomicReference<>();
        volatile CountDownLatch arrived = new CountDownLatch(0);
        volatile long arrivedAt;

        void expect(String state, CountDownLatch latch) {
            arrived = latch;
            awaited.set(state);
        }

        void seen(String state) {
            String wanted = awaited.get(); // compareAndSet compares references, so pass the one it holds
            if (state.equals(wanted) && awaited.compareAndSet(wanted, null)) {
                arrivedAt = System.nanoTime();
                arrived.countDown();
            }
        }
    }

    @Test
    void killReachesAThousandStreamingClients() throws Exception {
        ServiceClient management = ServiceClient.at(port);
        FlagFixtures.create(management, FlagFixtures.checkout("bench-kill"));
        String key = FlagFixtures.sdkKey(management, "staging");
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Subscriber> subscribers = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            Subscriber subscriber = new Subscriber();
            subscribers.add(subscriber);
            Thread.ofVirtual().start(() -> follow(http, key, subscriber, connected));
        }
        assertThat(connected.await(60, TimeUnit.SECONDS))
                .as("all clients connected")
                .isTrue();
        Thread.sleep(1000);

        List<Long> samples = new ArrayList<>();
        int incomplete = 0;
        for (int round = 0; round < ROUNDS; round++) {
            CountDownLatch killed = new CountDownLatch(CLIENTS);
            subscribers.forEach(subscriber -> subscriber.expect("KILLED", killed));
            long start = System.nanoTime();
            assertThat(management.post("/api/v1/flags/bench-kill/kill", "").status())
                    .isEqualTo(200);
            if (!killed.await(30, TimeUnit.SECONDS)) {
                incomplete++;
                System.out.println("round " + round + ": " + killed.getCount() + " clients never saw the kill");
            }
            for (Subscriber subscriber : subscribers) {
                if (subscriber.arrivedAt > start) {
                    samples.add(subscriber.arrivedAt - start);
                }
            }
            CountDownLatch on = new CountDownLatch(CLIENTS);
            subscribers.forEach(subscriber -> subscriber.expect("ON", on));
            management.put("/api/v1/flags/bench-kill/environments/staging/state", "{\"state\": \"ON\"}");
            on.await(30, TimeUnit.SECONDS);
            Thread.sleep(500);
        }
        http.shutdownNow(); // close() would wait for the streams, which never end
        String report = String.format(
                "kill switch: clients=%d rounds=%d incompleteRounds=%d latency %s",
                CLIENTS,
                ROUNDS,
                incomplete,
                Percentiles.of(samples.stream().mapToLong(Long::longValue).toArray()));
        System.out.println(report);
        Files.writeString(Path.of("target", "kill-switch-benchmark.txt"), report + "\n");
        assertThat(samples).hasSize(CLIENTS * ROUNDS);
    }

    private void follow(HttpClient http, String key, Subscriber subscriber, CountDownLatch connected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sdk/v1/stream"))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofMinutes(30))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            connected.countDown();
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        Matcher matcher = STATE.matcher(line);
                        if (matcher.find()) {
                            subscriber.seen(matcher.group(1));
                        }
                    }
                }
            }
        } catch (Exception ended) {
            // the benchmark is over
        }
    }
}
