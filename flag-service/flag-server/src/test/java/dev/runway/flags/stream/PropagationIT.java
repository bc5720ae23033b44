package dev.runway.flags.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.FlagFixtures;
import dev.runway.testkit.ServiceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

// The periodic safety-net reload is pushed out of the way so that only NOTIFY can explain a fast reload.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.flags.reload-safety-net=10m")
class PropagationIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    ServiceClient management;
    String sdkKey;

    @BeforeEach
    void setUp() {
        management = ServiceClient.at(port);
        sdkKey = FlagFixtures.sdkKey(management, "production");
    }

    @Test
    void aKillReachesAStreamingClientWithinOneSecond() throws Exception {
        FlagFixtures.create(management, FlagFixtures.checkout("stream-kill"));
        try (SseReader stream = new SseReader(port, sdkKey, null)) {
            assertThat(stream.status).isEqualTo(200);
            SseReader.Event initial = stream.next(Duration.ofSeconds(5));
            assertThat(initial.name()).isEqualTo("ruleset");
            assertThat(stateOf("stream-kill", initial.data())).isEqualTo("ON");

            long start = System.nanoTime();
            assertThat(management.post("/api/v1/flags/stream-kill/kill", "").status())
                    .isEqualTo(200);
            SseReader.Event killed = stream.next(Duration.ofSeconds(1));
            assertThat(killed).as("an event within 1 s of the kill").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(Long.parseLong(killed.id())).isGreaterThan(Long.parseLong(initial.id()));
            assertThat(stateOf("stream-kill", killed.data())).isEqualTo("KILLED");
        }
    }

    /** The state of one flag in a ruleset event (the shared test database holds other tests' flags too). */
    private static String stateOf(String flag, String rulesetJson) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                        "\\{\"key\":\"" + flag + "\".*?\"state\":\"([A-Z]+)\"")
                .matcher(rulesetJson);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Test
    void aClientResumingWithTheCurrentRevisionGetsOnlyNewerOnes() throws Exception {
        String current;
        try (SseReader first = new SseReader(port, sdkKey, null)) {
            current = first.next(Duration.ofSeconds(5)).id();
        }
        try (SseReader resumed = new SseReader(port, sdkKey, current)) {
            assertThat(resumed.next(Duration.ofMillis(300)))
                    .as("nothing it already has")
                    .isNull();
            FlagFixtures.create(management, FlagFixtures.colour("stream-resume"));
            SseReader.Event next = resumed.next(Duration.ofSeconds(5));
            assertThat(Long.parseLong(next.id())).isGreaterThan(Long.parseLong(current));
            assertThat(next.data()).contains("stream-resume");
        }
        try (SseReader behind = new SseReader(port, sdkKey, "1")) {
            assertThat(behind.next(Duration.ofSeconds(5)).data())
                    .as("a stale client catches up at once")
                    .contains("stream-resume");
        }
    }

    @Test
    void aChangeCommittedByAnotherReplicaIsLoadedThroughNotify() throws Exception {
        FlagFixtures.create(management, FlagFixtures.colour("other-replica"));
        // What another replica's change transaction does, without this replica's after-commit reload.
        transactions.executeWithoutResult(status -> {
            long revision = jdbc.sql(
                            "INSERT INTO flags.changes (subject, action, actor) VALUES ('flag/other-replica', 'flag.off', 'peer') RETURNING revision")
                    .query(Long.class)
                    .single();
            jdbc.sql(
                            "UPDATE flags.flags SET document = jsonb_set(document, '{environments,production,state}', '\"OFF\"') WHERE key = 'other-replica'")
                    .update();
            jdbc.sql("SELECT pg_notify('flag_changes', :revision)")
                    .param("revision", Long.toString(revision))
                    .query()
                    .singleValue();
        });
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest evaluate = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/ofrep/v1/evaluate/flags/other-replica"))
                .header("Authorization", "Bearer " + sdkKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"u1\"}}"))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        String body = "";
        while (System.nanoTime() < deadline && !body.contains("DISABLED")) {
            body = http.send(evaluate, HttpResponse.BodyHandlers.ofString()).body();
            Thread.sleep(20);
        }
        assertThat(body).contains("\"reason\":\"DISABLED\"").contains("\"value\":\"grey\"");
    }
}
