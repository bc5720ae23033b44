package dev.runway.flags.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.ImmutableContext;
import dev.runway.flags.FlagFixtures;
import dev.runway.openfeature.RunwayProvider;
import dev.runway.openfeature.RunwayProviderOptions;
import dev.runway.testkit.ServiceClient;
import io.getunleash.DefaultUnleash;
import io.getunleash.util.UnleashConfig;
import io.getunleash.util.UnleashScheduledExecutorImpl;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Kill switch to 1,000 subscribed clients, beside unleash-server in the same run. Three fleets, one after the
 * other in this JVM (clients and servers share its cores):
 *
 * <ol>
 *   <li>Runway, raw SSE readers: the time from sending the kill to a client having parsed the ruleset event in
 *       which the flag is KILLED;
 *   <li>Runway, {@link RunwayProvider} instances (the OpenFeature provider at its defaults): the time until the
 *       provider's own evaluation returns the off value, read by {@link FlipTimer};
 *   <li>unleash-server (npm, see {@link UnleashServer}) with {@code unleash-client-java} clients at their
 *       defaults (polling every 15 s; streaming is an opt-in experimental mode): the time until each client's
 *       {@code isEnabled} returns false after the environment is switched off through the admin API, read by
 *       the same {@link FlipTimer}.
 * </ol>
 *
 * Not part of the build; see flag-bench/BENCHMARK-RESULTS.md.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=warn", "server.tomcat.max-connections=4096"})
class KillSwitchBenchmark {
    private static final String FLAG = "bench-kill";
    private static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    private static final int UNLEASH_CLIENTS = Integer.getInteger("bench.unleash.clients", CLIENTS);
    private static final int UNLEASH_ROUNDS = Integer.getInteger("bench.unleash.rounds", 5);
    private static final boolean PEER = Boolean.parseBoolean(System.getProperty("bench.peer", "true"));
    /** The Unleash SDK's default fetch interval: clients' polls are spread over one interval, as in a fleet. */
    private static final Duration UNLEASH_INTERVAL = Duration.ofSeconds(15);

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
    void killReachesAThousandClientsBesideUnleash() throws Exception {
        ServiceClient management = ServiceClient.at(port);
        FlagFixtures.create(management, FlagFixtures.checkout(FLAG));
        String key = FlagFixtures.sdkKey(management, "staging");
        List<String> report = new ArrayList<>();
        report.add("started " + Instant.now() + ", load average " + loadAverage());
        report.add(streams(management, key));
        report.add("after streams: load average " + loadAverage());
        report.add(providers(management, key));
        report.add("after providers: load average " + loadAverage());
        if (PEER) {
            report.add(unleash());
            report.add("after unleash: load average " + loadAverage());
        }
        String text = String.join("\n", report);
        System.out.println(text);
        Files.writeString(Path.of("target", "kill-switch-benchmark.txt"), text + "\n");
    }

    /** Raw SSE readers: the server's own fan-out, without any SDK. */
    private String streams(ServiceClient management, String key) throws Exception {
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
            assertThat(management.post("/api/v1/flags/" + FLAG + "/kill", "").status())
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
            switchOn(management);
            on.await(30, TimeUnit.SECONDS);
            Thread.sleep(500);
        }
        http.shutdownNow(); // close() would wait for the streams, which never end
        assertThat(samples).hasSize(CLIENTS * ROUNDS);
        return String.format(
                "runway, %d raw SSE readers, %d rounds, %d incomplete: %s",
                CLIENTS,
                ROUNDS,
                incomplete,
                Percentiles.of(samples.stream().mapToLong(Long::longValue).toArray()));
    }

    /** Runway's OpenFeature provider at its defaults: SSE with fetch fallback, local evaluation. */
    private String providers(ServiceClient management, String key) throws Exception {
        List<RunwayProvider> providers = new ArrayList<>();
        try (ExecutorService starter = Executors.newFixedThreadPool(8)) {
            List<Future<RunwayProvider>> started = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                started.add(starter.submit(() -> {
                    RunwayProvider provider =
                            new RunwayProvider(RunwayProviderOptions.of("http://localhost:" + port, key));
                    provider.initialize(new ImmutableContext());
                    return provider;
                }));
            }
            for (Future<RunwayProvider> provider : started) {
                providers.add(provider.get());
            }
        }
        ImmutableContext user = new ImmutableContext("user-1");
        List<BooleanSupplier> enabled = providers.stream()
                .map(provider -> (BooleanSupplier)
                        () -> provider.getBooleanEvaluation(FLAG, true, user).getValue())
                .toList();
        Thread.sleep(1000);
        Fleet fleet = new Fleet();
        for (int round = 0; round < ROUNDS; round++) {
            fleet.add(FlipTimer.time(enabled, false, () -> kill(management), Duration.ofSeconds(30)));
            FlipTimer.time(enabled, true, () -> switchOn(management), Duration.ofSeconds(30));
            Thread.sleep(500);
        }
        providers.forEach(RunwayProvider::shutdown);
        return "runway, %d RunwayProvider instances, %d rounds: %s".formatted(CLIENTS, ROUNDS, fleet);
    }

    /**
     * unleash-client-java at its defaults, except one thing: each client gets its own instance of the SDK's
     * scheduler class. By default every client in a JVM shares one single-threaded scheduler (a JVM-wide
     * singleton), so 1,000 clients in one JVM would fetch one after the other on one thread; 1,000 applications
     * would each have their own.
     */
    private String unleash() throws Exception {
        try (UnleashServer server = UnleashServer.start()) {
            server.createEnabledToggle(FLAG);
            List<DefaultUnleash> clients = new ArrayList<>();
            long stagger = UNLEASH_INTERVAL.toNanos() / UNLEASH_CLIENTS;
            for (int i = 0; i < UNLEASH_CLIENTS; i++) {
                UnleashConfig config = UnleashConfig.builder()
                        .appName("runway-kill-bench")
                        .instanceId("bench-" + i)
                        .unleashAPI(server.apiUrl())
                        .customHttpHeader("Authorization", UnleashServer.CLIENT_TOKEN)
                        .scheduledExecutor(new UnleashScheduledExecutorImpl())
                        .build();
                clients.add(new DefaultUnleash(config));
                TimeUnit.NANOSECONDS.sleep(stagger);
            }
            List<BooleanSupplier> enabled = clients.stream()
                    .map(client -> (BooleanSupplier) () -> client.isEnabled(FLAG))
                    .toList();
            FlipTimer.Round ready = FlipTimer.time(enabled, true, () -> {}, Duration.ofMinutes(2));
            assertThat(ready.missed())
                    .as("Unleash clients that never saw the toggle")
                    .isZero();
            // A fresh, random moment in the poll cycle for every kill; seeded so runs are comparable.
            Random moment = new Random(6);
            Fleet fleet = new Fleet();
            for (int round = 0; round < UNLEASH_ROUNDS; round++) {
                Thread.sleep(moment.nextLong(UNLEASH_INTERVAL.toMillis()));
                fleet.add(FlipTimer.time(enabled, false, () -> server.enable(FLAG, false), Duration.ofSeconds(90)));
                FlipTimer.time(enabled, true, () -> server.enable(FLAG, true), Duration.ofSeconds(90));
            }
            clients.forEach(DefaultUnleash::shutdown);
            return "unleash-server %s + unleash-client-java 11.2.1 (defaults: polling every %d s), %d clients, %d rounds: %s"
                    .formatted(
                            UnleashServer.VERSION,
                            UNLEASH_INTERVAL.toSeconds(),
                            UNLEASH_CLIENTS,
                            UNLEASH_ROUNDS,
                            fleet);
        }
    }

    /** Samples of several rounds, with the clients that never flipped and the timer's resolution. */
    private static final class Fleet {
        private final List<long[]> rounds = new ArrayList<>();
        private int missed;
        private long slowestSweep;

        void add(FlipTimer.Round round) {
            rounds.add(round.nanos());
            missed += round.missed();
            slowestSweep = Math.max(slowestSweep, round.slowestSweepNanos());
        }

        @Override
        public String toString() {
            long[] all = rounds.stream().flatMapToLong(LongStream::of).toArray();
            return "%s, missed %d, slowest sweep %.1f ms"
                    .formatted(
                            all.length == 0 ? "no samples" : Percentiles.of(all), missed, slowestSweep / 1_000_000.0);
        }
    }

    private static void kill(ServiceClient management) {
        assertThat(management.post("/api/v1/flags/" + FLAG + "/kill", "").status())
                .isEqualTo(200);
    }

    private static void switchOn(ServiceClient management) {
        management.put("/api/v1/flags/" + FLAG + "/environments/staging/state", "{\"state\": \"ON\"}");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception unavailable) {
            return "unknown";
        }
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
