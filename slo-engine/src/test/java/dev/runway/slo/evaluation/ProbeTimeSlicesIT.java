package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Probe runs counted in time slices, from the engine's own results table in real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "runway.slo.interval=PT1H")
class ProbeTimeSlicesIT {
    static final Instant NOW = Instant.parse("2026-11-22T12:34:56Z");
    static final Set<Duration> WINDOWS = Set.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(30));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SloEvaluator evaluator;

    @LocalServerPort
    int port;

    @Test
    void givenAProbeSloBudgetedInTimeSlicesWhenTwoMinutesHadFailedRunsThenItsStatusCountsTwoBadSlices() {
        String probe = "sliced-" + System.nanoTime();
        var sre = dev.runway.slo.Caller.sre(port);
        var created = sre.post("/api/v1/slos", """
                {"name": "%s-slo", "service": "shop", "target": 0.999, "window": "30d",
                 "budgeting": "TIMESLICES", "timeSliceTarget": 0.95, "timeSliceWindow": "1m",
                 "indicator": {"kind": "probe", "probe": "%s"}}""".formatted(probe, probe));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Instant now = Instant.now();
        run(probe, now.minusSeconds(600).toString(), false);
        run(probe, now.minusSeconds(180).toString(), false);
        run(probe, now.minusSeconds(170).toString(), true);
        run(probe, now.minusSeconds(60).toString(), true);

        evaluator.evaluateAll();

        var status = sre.get("/api/v1/slos/" + probe + "-slo/status");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        // 30 days of one-minute slices, two of them bad (one failed run of one, one of two)
        assertThat(status.body()).contains("\"events\":43200", "\"badEvents\":2");
    }

    @Test
    void aSliceWhoseShareOfPassingRunsIsBelowTheTargetIsBadAndASliceWithoutRunsIsGood() {
        String probe = "slices-" + System.nanoTime();
        run(probe, "2026-11-22T12:33:10Z", true);
        run(probe, "2026-11-22T12:33:40Z", false); // 12:33 passed 1 of 2: bad at 90 %
        run(probe, "2026-11-22T12:20:00Z", true); // good
        run(probe, "2026-11-22T11:50:00Z", false); // bad, within the hour
        run(probe, "2026-11-20T08:00:00Z", false); // bad, within the month only
        run(probe, "2026-10-01T08:00:00Z", false); // older than the month
        run(probe + "-other", "2026-11-22T12:34:00Z", false); // another probe

        var reading = new ProbeEventSource(jdbc)
                .timeslices(new Indicator.Probe(probe), Duration.ofMinutes(1), 0.9, WINDOWS, NOW);

        assertThat(reading.count(new Indicator.Probe(probe), Duration.ofMinutes(5)))
                .isEqualTo(new EventCounts(5, 1));
        assertThat(reading.count(new Indicator.Probe(probe), Duration.ofHours(1)))
                .isEqualTo(new EventCounts(60, 2));
        assertThat(reading.count(new Indicator.Probe(probe), Duration.ofDays(30)))
                .isEqualTo(new EventCounts(43_200, 3));
        // at a 50 % slice target the half-passing minute is good
        var lenient = new ProbeEventSource(jdbc)
                .timeslices(new Indicator.Probe(probe), Duration.ofMinutes(1), 0.5, WINDOWS, NOW);
        assertThat(lenient.count(new Indicator.Probe(probe), Duration.ofMinutes(5)))
                .isEqualTo(new EventCounts(5, 0));
    }

    private void run(String probe, String at, boolean success) {
        jdbc.sql("INSERT INTO probe_results (probe, at, success, reason, duration_ms) VALUES (:p, :at, :ok, '', 5)")
                .param("p", probe)
                .param("at", Instant.parse(at).atOffset(ZoneOffset.UTC))
                .param("ok", success)
                .update();
    }
}
