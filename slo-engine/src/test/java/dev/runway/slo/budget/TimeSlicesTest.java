package dev.runway.slo.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeSlicesTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:34:56Z");

    @ParameterizedTest(name = "{0} events, {1} good, target {2} -> bad {3}")
    @CsvSource({
        "100, 99, 0.99, false", // exactly at the target is good
        "100, 98, 0.99, true",
        "0, 0, 0.99, false", // no events: nothing failed
        "1, 0, 0.5, true",
        "3, 2, 0.5, false",
    })
    void aSliceIsBadWhenItsShareOfGoodEventsIsBelowTheTarget(double total, double good, double target, boolean bad) {
        assertThat(TimeSlices.isBad(total, good, target)).isEqualTo(bad);
    }

    @Test
    void eachWindowCountsItsSlicesAndTheBadOnesFromItsFlooredStart() {
        TimeSlices slices = new TimeSlices(Duration.ofMinutes(1));
        slices.judge(Instant.parse("2026-11-22T12:33:00Z"), true); // in the last 5 minutes
        slices.judge(Instant.parse("2026-11-22T12:29:00Z"), true); // straddles the 5-minute start (12:29:56)
        slices.judge(Instant.parse("2026-11-22T12:10:30Z"), true); // judged by any instant inside it
        slices.judge(Instant.parse("2026-11-22T11:00:00Z"), true);
        slices.judge(Instant.parse("2026-11-22T11:00:00Z"), false); // judged again: good after all

        assertThat(slices.count(Duration.ofMinutes(5), NOW)).isEqualTo(new EventCounts(5, 2));
        assertThat(slices.count(Duration.ofHours(1), NOW)).isEqualTo(new EventCounts(60, 3));
        assertThat(slices.count(Duration.ofDays(30), NOW)).isEqualTo(new EventCounts(43_200, 3));
    }

    @Test
    void forgottenSlicesNoLongerCount() {
        TimeSlices slices = new TimeSlices(Duration.ofMinutes(5));
        slices.judge(Instant.parse("2026-11-22T10:00:00Z"), true);
        slices.judge(Instant.parse("2026-11-22T12:30:00Z"), true);
        slices.forgetBefore(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(slices.count(Duration.ofHours(6), NOW)).isEqualTo(new EventCounts(72, 1));
    }
}
