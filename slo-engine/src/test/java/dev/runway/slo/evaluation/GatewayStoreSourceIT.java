package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bulk read against real PostgreSQL: rows of the three resolutions are stitched as the gateway's own API
 * stitches them, every version counts, and rows a coarser resolution already covers are not counted twice.
 * At 12:34:56 the hour cut is 10:00 and the minute cut 12:24.
 */
class GatewayStoreSourceIT {
    static final Instant NOW = Instant.parse("2026-11-22T12:34:56Z");
    static final Indicator AVAILABILITY = new Indicator.GatewayAvailability("pay");
    static final Indicator FAST = new Indicator.GatewayLatency("pay", 100.0);
    static final Indicator ALMOST_FAST = new Indicator.GatewayLatency("pay", 99.0);
    static final Indicator TOO_STRICT = new Indicator.GatewayLatency("pay", 0.5);
    static final Set<Duration> WINDOWS =
            Set.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(30));

    static JdbcClient jdbc;

    @BeforeAll
    static void seed() throws Exception {
        jdbc = MetricsStoreFixture.create("store_it");
        // raw buckets after the minute cut: 60 fast (<= 10 ms) and 40 slow (<= 430 ms); the canary fails all 50
        row("pay", "stable", 5, "12:33:55", 100, 10, 5, 60, 25, 40);
        row("pay", "canary", 5, "12:32:55", 50, 50, 39, 50, 39, 0);
        // a raw bucket before the minute cut: its minute row covers it, so it must not count
        row("pay", "stable", 5, "12:23:00", 7777, 0, 0, 7777, 0, 0);
        // a minute row between the cuts: all at <= 1 ms
        row("pay", "stable", 60, "11:54:00", 1000, 1, 0, 1000, 0, 0);
        // a minute row before the hour cut: its hour row covers it
        row("pay", "stable", 60, "09:30:00", 5555, 0, 0, 5555, 0, 0);
        // an hour row before the hour cut: all at exactly the 100 ms bound
        row("pay", "stable", 3600, "09:00:00", 10000, 100, 17, 10000, 0, 0);
        // older than 30 days, and another route nobody asked about
        jdbc.sql("INSERT INTO store_it.request_metrics VALUES ('pay', 'stable', 3600, :at, 999, 999, :h)")
                .param("at", NOW.minus(Duration.ofDays(40)).atOffset(ZoneOffset.UTC))
                .param("h", MetricsStoreFixture.histogram(0, 999, 0, 0))
                .update();
        row("other", "stable", 5, "12:33:55", 3, 3, 0, 3, 0, 0);
        // time slices on route ticks: a good minute, a bad minute, and a bad minute made of two raw buckets
        row("ticks", "stable", 60, "11:54:00", 1000, 1, 0, 1000, 0, 0);
        row("ticks", "stable", 60, "12:10:00", 100, 50, 0, 100, 0, 0);
        row("ticks", "stable", 5, "12:33:50", 100, 0, 0, 100, 0, 0);
        row("ticks", "canary", 5, "12:33:55", 50, 50, 0, 50, 0, 0);
    }

    @Test
    void timeSlicesCountTheSlicesInAWindowAndTheBadOnesAmongThem() {
        Indicator ticks = new Indicator.GatewayAvailability("ticks");
        var reading = source().timeslices(ticks, Duration.ofMinutes(1), 0.99, WINDOWS, NOW);
        // 12:33 holds 150 requests with 50 errors (67 %): bad; 12:10 is bad (50 %); 11:54 is good (99.9 %)
        assertThat(reading.count(ticks, Duration.ofMinutes(5))).isEqualTo(new EventCounts(5, 1));
        assertThat(reading.count(ticks, Duration.ofHours(1))).isEqualTo(new EventCounts(60, 2));
        assertThat(reading.count(ticks, Duration.ofDays(30))).isEqualTo(new EventCounts(43_200, 2));
        // with five-minute slices 11:50-11:55 is good, 12:10-12:15 bad, 12:30-12:35 bad
        var coarse = source().timeslices(ticks, Duration.ofMinutes(5), 0.99, WINDOWS, NOW);
        assertThat(coarse.count(ticks, Duration.ofHours(1))).isEqualTo(new EventCounts(12, 2));
    }

    GatewayStoreSource source() {
        return new GatewayStoreSource(jdbc, "store_it");
    }

    @Test
    void eachWindowSumsEveryVersionOverTheRowsOfItsResolutionsOnce() {
        var reading = source().read(List.of(AVAILABILITY, FAST), WINDOWS, NOW);
        assertThat(reading.count(AVAILABILITY, Duration.ofMinutes(5))).isEqualTo(new EventCounts(150, 60));
        assertThat(reading.count(AVAILABILITY, Duration.ofHours(1))).isEqualTo(new EventCounts(1150, 61));
        assertThat(reading.count(AVAILABILITY, Duration.ofHours(6))).isEqualTo(new EventCounts(11150, 161));
        assertThat(reading.count(AVAILABILITY, Duration.ofDays(30))).isEqualTo(new EventCounts(11150, 161));
    }

    @Test
    void keptSumsAreReusedWithinTheirMinuteAndHourWhileRawBucketsAreReadEveryCycle() {
        GatewayStoreSource source = source();
        Indicator lane = new Indicator.GatewayAvailability("lane");
        row("lane", "stable", 3600, "09:00:00", 1000, 10, 0, 1000, 0, 0);
        row("lane", "stable", 60, "11:54:00", 100, 1, 0, 100, 0, 0);
        assertThat(source.read(List.of(lane), WINDOWS, NOW).count(lane, Duration.ofDays(30)))
                .isEqualTo(new EventCounts(1100, 11));
        // five seconds later a new raw bucket counts at once; the kept hour and minute sums are reused
        row("lane", "stable", 5, "12:34:55", 7, 7, 0, 7, 0, 0);
        var later = source.read(List.of(lane), WINDOWS, NOW.plusSeconds(5));
        assertThat(later.count(lane, Duration.ofDays(30))).isEqualTo(new EventCounts(1107, 18));
        assertThat(later.count(lane, Duration.ofMinutes(5))).isEqualTo(new EventCounts(7, 7));
    }

    @Test
    void whenTheHourCutMovesTheKeptHourSumsAreShiftedToWhatAFreshReadFinds() {
        Indicator shift = new Indicator.GatewayLatency("shift", 100.0);
        jdbc.sql("INSERT INTO store_it.request_metrics VALUES ('shift', 'stable', 3600, :at, 500, 50, :h)")
                .param("at", Instant.parse("2026-10-23T12:00:00Z").atOffset(ZoneOffset.UTC))
                .param("h", MetricsStoreFixture.histogram(0, 500, 0, 0))
                .update();
        row("shift", "stable", 3600, "08:00:00", 4000, 40, 20, 4000, 0, 0);
        row("shift", "stable", 3600, "10:00:00", 3000, 30, 3, 3000, 0, 0);
        Set<Duration> windows = Set.of(
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofHours(6),
                Duration.ofDays(1),
                Duration.ofDays(3),
                Duration.ofDays(30));
        GatewayStoreSource kept = source();
        kept.read(List.of(shift), windows, NOW);
        // an hour later: 10:00 has settled, the 30-day window no longer reaches the October row
        Instant later = NOW.plus(Duration.ofHours(1));
        var shifted = kept.read(List.of(shift), windows, later);
        var fresh = source().read(List.of(shift), windows, later);
        for (Duration window : windows) {
            assertThat(shifted.count(shift, window)).as(window.toString()).isEqualTo(fresh.count(shift, window));
        }
        assertThat(fresh.count(shift, Duration.ofDays(30))).isEqualTo(EventCounts.ofGood(7000, 3000));
    }

    @Test
    void eachMinuteTheKeptMinuteSumsAreShiftedToWhatAFreshReadFinds() {
        Indicator minutes = new Indicator.GatewayAvailability("minutes");
        // around the 1 h window's start (11:34), the 2 h window's (10:34), and the 15-minute settling line (12:19)
        for (String at : List.of("10:34:00", "10:35:00", "11:34:00", "11:35:00", "12:18:00", "12:19:00", "12:20:00")) {
            row("minutes", "stable", 60, at, 100, 1, 0, 100, 0, 0);
        }
        Set<Duration> windows =
                Set.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6));
        GatewayStoreSource kept = source();
        kept.read(List.of(minutes), windows, NOW);
        for (int minute = 1; minute <= 3; minute++) {
            Instant later = NOW.plus(Duration.ofMinutes(minute));
            var shifted = kept.read(List.of(minutes), windows, later);
            var fresh = source().read(List.of(minutes), windows, later);
            for (Duration window : windows) {
                assertThat(shifted.count(minutes, window))
                        .as(window + " at +" + minute + " min")
                        .isEqualTo(fresh.count(minutes, window));
            }
        }
        // at 12:37:56 the 1 h window starts at 11:37: 11:34 and 11:35 are out, the three from 12:18 in
        assertThat(source().read(List.of(minutes), windows, NOW.plus(Duration.ofMinutes(3)))
                        .count(minutes, Duration.ofHours(1)))
                .isEqualTo(new EventCounts(300, 3));
    }

    @Test
    void whenTheHourCutMovesTheMinutesOfTheLeavingHourGoOutOfTheKeptSumsAsAFreshReadFindsThem() {
        // every minute from 10:00 until the minute cut, each a different count, and the hour rows that cover them
        jdbc.sql("""
                INSERT INTO store_it.request_metrics
                SELECT 'turn', 'stable', 60, t, 100 + i, i % 7, ARRAY[i, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]::bigint[]
                FROM generate_series(timestamptz '2026-11-22 10:00Z', timestamptz '2026-11-22 14:30Z',
                                     interval '1 minute') WITH ORDINALITY AS s(t, i)
                """).update();
        for (String hour : List.of("08:00:00", "09:00:00", "10:00:00", "11:00:00", "12:00:00")) {
            row("turn", "stable", 3600, hour, 90_000 + hour.charAt(1), 900, 0, 45_000, 1, 45_000);
        }
        Indicator availability = new Indicator.GatewayAvailability("turn");
        Indicator latency = new Indicator.GatewayLatency("turn", 1.0);
        List<Indicator> both = List.of(availability, latency);
        // starting inside the minute rows (30 min, 1 h, 2 h) and in the hour rows (3 h, 6 h, 1 d)
        Set<Duration> windows = Set.of(
                Duration.ofMinutes(30),
                Duration.ofHours(1),
                Duration.ofHours(2),
                Duration.ofHours(3),
                Duration.ofHours(6),
                Duration.ofDays(1));
        // minute by minute across 13:00, when the hour cut moves from 10:00 to 11:00
        GatewayStoreSource everyMinute = source();
        everyMinute.read(both, windows, NOW);
        for (int minute = 20; minute <= 32; minute++) {
            assertSameAsFresh(everyMinute, both, windows, NOW.plus(Duration.ofMinutes(minute)));
        }
        // and by jumps of one and several hours, after which the rows that came in lie partly below the new cut
        GatewayStoreSource jumping = source();
        jumping.read(both, windows, NOW);
        for (Duration jump : List.of(Duration.ofHours(1), Duration.ofMinutes(150), Duration.ofHours(5))) {
            assertSameAsFresh(jumping, both, windows, NOW.plus(jump));
        }
        // at 13:01:56 the 2 h window starts at 11:01: minutes 11:01 until the 12:51 minute cut and the raw buckets
        long minutes = 0;
        long errors = 0;
        for (long i = 62; i <= 171; i++) {
            minutes += 100 + i;
            errors += i % 7;
        }
        assertThat(source().read(both, windows, NOW.plus(Duration.ofMinutes(27)))
                        .count(availability, Duration.ofHours(2)))
                .isEqualTo(new EventCounts(minutes, errors));
    }

    private void assertSameAsFresh(
            GatewayStoreSource kept, List<Indicator> indicators, Set<Duration> windows, Instant at) {
        MetricsStoreFixture.assertSameAsFresh(kept, source(), indicators, windows, at);
    }

    @Test
    void latencyCountsBucketsAtOrBelowTheThresholdAsGoodAndRoundsAThresholdBetweenBoundsDown() {
        var reading = source().read(List.of(FAST, ALMOST_FAST, TOO_STRICT), WINDOWS, NOW);
        assertThat(reading.count(FAST, Duration.ofMinutes(5))).isEqualTo(EventCounts.ofGood(150, 60));
        assertThat(reading.count(FAST, Duration.ofDays(30))).isEqualTo(EventCounts.ofGood(11150, 11060));
        // 99 ms lies between the 84 and 100 ms bounds: requests at <= 100 ms now count as slow
        assertThat(reading.count(ALMOST_FAST, Duration.ofDays(30))).isEqualTo(EventCounts.ofGood(11150, 1060));
        assertThat(reading.count(TOO_STRICT, Duration.ofDays(30))).isEqualTo(EventCounts.ofGood(11150, 0));
    }

    @Test
    void aRouteWithoutRowsHasNoEventsAndAMissingStoreIsUnavailable() {
        Indicator quiet = new Indicator.GatewayAvailability("quiet");
        assertThat(source().read(List.of(quiet), WINDOWS, NOW).count(quiet, Duration.ofHours(1)))
                .isEqualTo(EventCounts.NONE);
        assertThatThrownBy(() -> new GatewayStoreSource(jdbc, "no_such_schema").read(List.of(quiet), WINDOWS, NOW))
                .isInstanceOf(EventSource.SourceUnavailable.class);
    }

    /** One row at a time of day on NOW's date, with {@code n1} requests in bucket {@code i1} and so on. */
    private static void row(
            String route,
            String version,
            int resolution,
            String time,
            long requests,
            long errors,
            int i1,
            long n1,
            int i2,
            long n2) {
        jdbc.sql("INSERT INTO store_it.request_metrics VALUES (:route, :version, :res, :at, :req, :err, :h)")
                .param("route", route)
                .param("version", version)
                .param("res", resolution)
                .param("at", Instant.parse("2026-11-22T" + time + "Z").atOffset(ZoneOffset.UTC))
                .param("req", requests)
                .param("err", errors)
                .param("h", MetricsStoreFixture.histogram(i1, n1, i2, n2))
                .update();
    }
}
