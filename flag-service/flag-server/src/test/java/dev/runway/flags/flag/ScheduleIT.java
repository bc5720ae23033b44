package dev.runway.flags.flag;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.FlagFixtures;
import dev.runway.testkit.ServiceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scheduled changes through the real API on a real PostgreSQL. The scheduler's clock is the test's: due times
 * are reached by moving it, and the background runner is slowed to once an hour so the test decides when
 * {@link Scheduler#runDue()} runs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.flags.schedules.poll=1h")
class ScheduleIT {
    /**
     * A clock the test moves. Starts at the real now, so other test contexts' real clocks never see its due
     * times, with 999 ns past a whole microsecond: PostgreSQL rounds that up, which a scheduler comparing in
     * nanoseconds would mistake for "not due yet".
     */
    static final class TestClock extends Clock {
        private volatile Instant now =
                Instant.now().truncatedTo(ChronoUnit.MILLIS).plusNanos(999);

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    ServiceClient alice;
    ServiceClient bob;

    @BeforeEach
    void setUp() {
        alice = ServiceClient.at(port).as("alice");
        bob = ServiceClient.at(port).as("bob");
    }

    private String schedules(String key, String environment) {
        return "/api/v1/flags/" + key + "/environments/" + environment + "/schedules";
    }

    private String in(Duration from) {
        return clock.instant().plus(from).toString();
    }

    private static long id(ServiceClient.Response response) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return Long.parseLong(id.group(1));
    }

    private List<String> audit(String key) {
        return jdbc.sql("""
                        SELECT action || ':' || actor FROM audit.audit_log
                        WHERE subject = :subject AND action LIKE 'flag.%' ORDER BY id""").param("subject", "flag/" + key).query(String.class).list();
    }

    private String state(String key, String environment) {
        return jdbc.sql("SELECT document -> 'environments' -> :environment ->> 'state' FROM flags WHERE key = :key")
                .param("environment", environment)
                .param("key", key)
                .query(String.class)
                .single();
    }

    private String stagingState(String key) {
        return state(key, "staging");
    }

    private int versions(String key) {
        return jdbc.sql("SELECT count(*) FROM flag_versions WHERE flag_key = :key")
                .param("key", key)
                .query(Integer.class)
                .single();
    }

    @Test
    void aChangeIsAppliedOnceWhenItsTimeComesAndAuditedWithBothActors() {
        FlagFixtures.create(alice, FlagFixtures.checkout("sched-off"));
        var created = alice.post(
                schedules("sched-off", "staging"),
                "{\"at\": \"" + in(Duration.ofHours(1)) + "\", \"change\": {\"state\": \"OFF\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"status\":\"SCHEDULED\"").contains("\"scheduledBy\":\"alice\"");
        long id = id(created);

        assertThat(scheduler.runDue()).as("not due yet").isZero();
        assertThat(stagingState("sched-off")).isEqualTo("ON");

        clock.advance(Duration.ofHours(1));
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(scheduler.runDue()).as("never twice").isZero();
        assertThat(stagingState("sched-off")).isEqualTo("OFF");

        String schedule =
                alice.get(schedules("sched-off", "staging") + "/" + id).body();
        assertThat(schedule).contains("\"status\":\"APPLIED\"").contains("\"appliedVersion\":");
        assertThat(alice.get("/api/v1/flags/sched-off/versions").body())
                .contains("\"action\":\"flag.off\"")
                .contains("\"actor\":\"flag-scheduler\"")
                .contains("scheduled change #" + id + " by alice");
        assertThat(audit("sched-off"))
                .contains(
                        "flag.change-scheduled:alice",
                        "flag.off:flag-scheduler",
                        "flag.schedule-applied:flag-scheduler");
        assertThat(alice.get(schedules("sched-off", "staging")).body()).contains("\"id\":" + id);
    }

    @Test
    void twoReplicasRunningAtOnceApplyAChangeExactlyOnce() throws Exception {
        FlagFixtures.create(alice, FlagFixtures.checkout("sched-race"));
        String rollout = """
                {"at": "%s", "change": {"rollout": {"weights": [{"variant": "on", "basisPoints": 5000},
                                                                {"variant": "off", "basisPoints": 5000}]}}}
                """.formatted(in(Duration.ofMinutes(5)));
        assertThat(alice.post(schedules("sched-race", "staging"), rollout).status())
                .isEqualTo(201);
        int before = versions("sched-race");
        clock.advance(Duration.ofMinutes(5));

        Callable<Integer> replica = scheduler::runDue;
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            Future<Integer> one = replicas.submit(replica);
            Future<Integer> two = replicas.submit(replica);
            assertThat(one.get() + two.get()).isGreaterThanOrEqualTo(1);
        }
        assertThat(versions("sched-race") - before).as("one new version").isEqualTo(1);
        assertThat(audit("sched-race").stream().filter(action -> action.startsWith("flag.schedule-applied")))
                .hasSize(1);
    }

    @Test
    void aProductionChangeNeedsApprovalWhenScheduledAndLapsesWithoutIt() {
        FlagFixtures.create(alice, FlagFixtures.checkout("sched-prod"));
        String off = "{\"at\": \"" + in(Duration.ofHours(2)) + "\", \"change\": {\"state\": \"OFF\"}}";
        var awaiting = alice.post(schedules("sched-prod", "production"), off);
        assertThat(awaiting.status()).isEqualTo(201);
        assertThat(awaiting.body()).contains("\"status\":\"AWAITING_APPROVAL\"");
        long id = id(awaiting);
        assertProblem(alice.post(schedules("sched-prod", "production") + "/" + id + "/approve", ""), 403);

        var approved = bob.post(schedules("sched-prod", "production") + "/" + id + "/approve", "");
        assertThat(approved.body()).contains("\"status\":\"SCHEDULED\"").contains("\"decidedBy\":\"bob\"");
        clock.advance(Duration.ofHours(2));
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(alice.get("/api/v1/flags/sched-prod/versions").body())
                .contains("scheduled change #" + id + " by alice, approved by bob");

        long lapsing = id(alice.post(
                schedules("sched-prod", "production"),
                "{\"at\": \"" + in(Duration.ofHours(1)) + "\", \"change\": {\"state\": \"ON\"}}"));
        clock.advance(Duration.ofHours(1));
        scheduler.runDue();
        assertThat(alice.get(schedules("sched-prod", "production") + "/" + lapsing)
                        .body())
                .contains("\"status\":\"EXPIRED\"");
        assertThat(state("sched-prod", "production")).isEqualTo("OFF");

        var kill = alice.post(
                schedules("sched-prod", "production"),
                "{\"at\": \"" + in(Duration.ofHours(1)) + "\", \"change\": {\"state\": \"KILLED\"}}");
        assertThat(kill.body()).as("a kill needs no second person").contains("\"status\":\"SCHEDULED\"");
    }

    @Test
    void aCancelledChangeIsNeverApplied() {
        FlagFixtures.create(alice, FlagFixtures.checkout("sched-cancel"));
        long id = id(alice.post(
                schedules("sched-cancel", "staging"),
                "{\"at\": \"" + in(Duration.ofMinutes(10)) + "\", \"change\": {\"state\": \"OFF\"}}"));
        var cancelled = bob.post(schedules("sched-cancel", "staging") + "/" + id + "/cancel", "");
        assertThat(cancelled.body()).contains("\"status\":\"CANCELLED\"").contains("\"decidedBy\":\"bob\"");
        assertProblem(bob.post(schedules("sched-cancel", "staging") + "/" + id + "/cancel", ""), 409);
        clock.advance(Duration.ofMinutes(10));
        scheduler.runDue();
        assertThat(stagingState("sched-cancel")).isEqualTo("ON");
        assertThat(audit("sched-cancel"))
                .contains("flag.schedule-cancelled:bob")
                .doesNotContain("flag.off:flag-scheduler");
        assertProblem(alice.post(schedules("sched-cancel", "production") + "/" + id + "/cancel", ""), 404);
    }

    @Test
    void aChangeThatNoLongerFitsFailsWithItsReasonAndChangesNothing() {
        FlagFixtures.create(alice, FlagFixtures.checkout("sched-gone"));
        long id = id(alice.post(
                schedules("sched-gone", "staging"),
                "{\"at\": \"" + in(Duration.ofMinutes(1)) + "\", \"change\": {\"state\": \"OFF\"}}"));
        assertThat(FlagFixtures.approved(alice, alice.delete("/api/v1/flags/sched-gone"))
                        .status())
                .isIn(200, 204);
        clock.advance(Duration.ofMinutes(1));
        scheduler.runDue();
        String schedule =
                alice.get(schedules("sched-gone", "staging") + "/" + id).body();
        assertThat(schedule).contains("\"status\":\"FAILED\"").contains("does not exist");
        assertThat(audit("sched-gone")).contains("flag.schedule-failed:flag-scheduler");
    }

    @Test
    void badSchedulesAreRefusedNamingTheFieldAndNothingIsWritten() {
        FlagFixtures.create(alice, FlagFixtures.checkout("sched-bad"));
        String path = schedules("sched-bad", "staging");
        String future = in(Duration.ofHours(1));
        assertProblem(
                alice.post(path, "{\"at\": \"" + in(Duration.ofHours(-1)) + "\", \"change\": {\"state\": \"OFF\"}}"),
                400,
                "at");
        assertProblem(alice.post(path, "{\"change\": {\"state\": \"OFF\"}}"), 400, "at");
        assertProblem(alice.post(path, "{\"at\": \"tomorrow\", \"change\": {\"state\": \"OFF\"}}"), 400, "at");
        assertProblem(alice.post(path, "{\"at\": \"" + future + "\"}"), 400, "change");
        assertProblem(
                alice.post(path, "{\"at\": \"" + future + "\", \"change\": {\"state\": \"OFF\", \"rollout\": {}}}"),
                400,
                "change");
        assertProblem(
                alice.post(path, "{\"at\": \"" + future + "\", \"change\": {\"state\": \"DIMMED\"}}"),
                400,
                "change.state");
        assertProblem(
                alice.post(
                        path,
                        "{\"at\": \"" + future
                                + "\", \"change\": {\"rollout\": {\"weights\": [{\"variant\": \"on\", \"basisPoints\": 10}]}}}"),
                400,
                "change.rollout.weights");
        assertProblem(
                alice.post(path, """
                        {"at": "%s", "change": {"environment": {"state": "ON",
                          "rules": [{"id": "r", "conditions": [{"attribute": "a", "operator": "near", "values": ["x"]}],
                                     "serve": {"variant": "on"}}]}}}
                        """.formatted(future)), 400, "change.environment.rules[0].conditions[0].operator");
        assertProblem(
                alice.post(
                        schedules("no-such-flag", "staging"),
                        "{\"at\": \"" + future + "\", \"change\": {\"state\": \"OFF\"}}"),
                400,
                "key");
        assertProblem(
                alice.post(
                        schedules("sched-bad", "moon"),
                        "{\"at\": \"" + future + "\", \"change\": {\"state\": \"OFF\"}}"),
                400,
                "environment");

        assertThat(alice.get(path).body()).isEqualTo("[]");
        assertThat(audit("sched-bad")).doesNotContain("flag.change-scheduled:alice");
    }
}
