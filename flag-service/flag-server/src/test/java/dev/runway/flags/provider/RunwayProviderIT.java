package dev.runway.flags.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.runway.flags.FlagFixtures;
import dev.runway.openfeature.RunwayProvider;
import dev.runway.openfeature.RunwayProviderOptions;
import dev.runway.testkit.ServiceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Runway OpenFeature provider against the real server: streaming, outage, recovery, disk cache. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunwayProviderIT {
    private static final MutableContext GERMAN = new MutableContext("u1").add("country", "DE");

    @LocalServerPort
    int port;

    ServiceClient management;
    String sdkKey;

    @BeforeEach
    void setUp() {
        management = ServiceClient.at(port);
        sdkKey = FlagFixtures.sdkKey(management, "production");
    }

    private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aKillReachesAProviderFollowingTheStreamWithinOneSecond() throws Exception {
        FlagFixtures.create(management, FlagFixtures.checkout("provider-kill"));
        RunwayProvider provider = new RunwayProvider(RunwayProviderOptions.of("http://localhost:" + port, sdkKey));
        OpenFeatureAPI.getInstance().setProviderAndWait("provider-kill", provider);
        Client client = OpenFeatureAPI.getInstance().getClient("provider-kill");
        List<EventDetails> changes = new CopyOnWriteArrayList<>();
        client.onProviderConfigurationChanged(changes::add);
        try {
            assertThat(client.getBooleanValue("provider-kill", false, GERMAN)).isTrue();
            Thread.sleep(200); // let the stream connect, as it would long before anyone needs a kill

            long start = System.nanoTime();
            assertThat(management.post("/api/v1/flags/provider-kill/kill", "").status())
                    .isEqualTo(200);
            await(Duration.ofSeconds(1), () -> !client.getBooleanValue("provider-kill", true, GERMAN));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(client.getBooleanDetails("provider-kill", true, GERMAN).getReason())
                    .isEqualTo("DISABLED");
            await(Duration.ofSeconds(1), () -> changes.stream()
                    .anyMatch(event -> event.getFlagsChanged() != null
                            && event.getFlagsChanged().contains("provider-kill")));
        } finally {
            provider.shutdown();
        }
    }

    @Test
    void withTheServerGoneTheProviderServesTheLastRulesetReportsStaleAndRecoversByItself() throws Exception {
        FlagFixtures.create(management, FlagFixtures.checkout("provider-outage"));
        try (TcpProxy proxy = new TcpProxy(port)) {
            RunwayProvider provider =
                    new RunwayProvider(RunwayProviderOptions.of("http://localhost:" + proxy.port(), sdkKey)
                            .withReconnect(Duration.ofMillis(100), Duration.ofMillis(400))
                            .withInitTimeout(Duration.ofSeconds(2)));
            OpenFeatureAPI.getInstance().setProviderAndWait("provider-outage", provider);
            Client client = OpenFeatureAPI.getInstance().getClient("provider-outage");
            List<String> events = new CopyOnWriteArrayList<>();
            client.onProviderStale(event -> events.add("stale"));
            client.onProviderReady(event -> events.add("ready"));
            try {
                assertThat(client.getBooleanValue("provider-outage", false, GERMAN))
                        .isTrue();

                proxy.stop();
                await(Duration.ofSeconds(5), provider::isStale);
                await(Duration.ofSeconds(5), () -> events.contains("stale"));
                await(Duration.ofSeconds(5), () -> client.getProviderState() == ProviderState.STALE);
                assertThat(client.getBooleanDetails("provider-outage", false, GERMAN)
                                .getValue())
                        .as("the last ruleset is still served")
                        .isTrue();

                // While it is away the flag is killed; when it is back the provider catches up by itself.
                management.post("/api/v1/flags/provider-outage/kill", "");
                proxy.start();
                await(Duration.ofSeconds(10), () -> !client.getBooleanValue("provider-outage", true, GERMAN));
                // (a handler added while ready runs at once, so look for a "ready" after the "stale")
                await(Duration.ofSeconds(5), () -> events.lastIndexOf("ready") > events.indexOf("stale"));
                assertThat(provider.isStale()).isFalse();
                await(Duration.ofSeconds(5), () -> client.getProviderState() == ProviderState.READY);
            } finally {
                provider.shutdown();
            }
        }
    }

    @Test
    void anApplicationStartingWhileTheServerIsDownServesTheLastGoodRulesetFromDisk(@TempDir Path folder)
            throws Exception {
        FlagFixtures.create(management, FlagFixtures.colour("provider-cached"));
        Path cache = folder.resolve("ruleset.json");
        try (TcpProxy proxy = new TcpProxy(port)) {
            RunwayProviderOptions options = RunwayProviderOptions.of("http://localhost:" + proxy.port(), sdkKey)
                    .withCacheFile(cache)
                    .withInitTimeout(Duration.ofSeconds(1));
            RunwayProvider first = new RunwayProvider(options);
            first.initialize(null);
            first.shutdown();
            assertThat(Files.readString(cache)).contains("provider-cached");

            proxy.stop();
            RunwayProvider restarted = new RunwayProvider(options);
            restarted.initialize(null);
            try {
                assertThat(restarted.isStale()).isTrue();
                assertThat(restarted
                                .getStringEvaluation("provider-cached", "none", new MutableContext("u1"))
                                .getValue())
                        .isEqualTo("blue");
            } finally {
                restarted.shutdown();
            }
        }
    }
}
