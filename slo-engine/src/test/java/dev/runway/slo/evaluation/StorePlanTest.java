package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorePlanTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:34:56Z");

    @ParameterizedTest(name = "{0} before 12:34:56 starts at {1}, hours: {2}")
    @CsvSource({
        // raw 5 s buckets after the minute cut (12:24)
        "PT5M,  2026-11-22T12:29:55Z, false",
        // minute rows between the hour cut (10:00) and the minute cut
        "PT30M, 2026-11-22T12:04:00Z, false",
        "PT1H,  2026-11-22T11:34:00Z, false",
        "PT2H,  2026-11-22T10:34:00Z, false",
        // hour rows before the hour cut: the start hour counts whole, as in the gateway's own API
        "PT6H,  2026-11-22T06:00:00Z, true",
        "P1D,   2026-11-21T12:00:00Z, true",
        "P30D,  2026-10-23T12:00:00Z, true"
    })
    void aWindowStartsAtTheBucketOfTheResolutionThatCoversIt(Duration window, Instant start, boolean hours) {
        StorePlan plan = StorePlan.at(NOW);
        assertThat(plan.hourCut()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(plan.minuteCut()).isEqualTo(Instant.parse("2026-11-22T12:24:00Z"));
        assertThat(plan.alignedStart(window)).isEqualTo(start);
        assertThat(plan.readsHours(window)).isEqualTo(hours);
    }
}
