package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store's fault dimension read against real PostgreSQL: each fault's hits are stitched over the three
 * resolutions with the cut-offs of the window counts, grouped by fault with its experiment, and the SLO's notion of
 * bad is applied. At 12:34:56 the hour cut is 10:00 and the minute cut 12:24.
 */
class FaultMetricsReaderIT {
    static final Instant NOW = Instant.parse("2026-11-22T12:34:56Z");
    static final StorePlan PLAN = StorePlan.at(NOW);
    static final Instant MONTH = PLAN.alignedStart(Duration.ofDays(30));

    static JdbcClient jdbc;

    @BeforeAll
    static void seed() throws Exception {
        jdbc = MetricsStoreFixture.create("fault_it");
        // experiment "latency-drill": fault f1 on both versions, hour + minute + raw rows, 100 ms of delay each
        hit("pay", "stable", "f1", "latency-drill", 3600, "2026-11-22T08:00:00", 400, 4, 17, 400);
        hit("pay", "canary", "f1", "latency-drill", 60, "2026-11-22T11:00:00", 100, 0, 17, 100);
        hit("pay", "stable", "f1", "latency-drill", 5, "2026-11-22T12:30:00", 50, 5, 17, 50);
        // the same experiment's second fault, aborting with 503
        hit("pay", "stable", "f2", "latency-drill", 60, "2026-11-22T12:00:00", 30, 30, 0, 30);
        // a fault installed by hand, without an experiment: 10 requests, 2 slow (bucket 25: <= 430 ms), 8 fast
        hit("pay", "stable", "f3", "", 5, "2026-11-22T12:34:00", 10, 0, 25, 2);
        // rows that a coarser resolution covers, or outside the window, or on another route: never counted
        hit("pay", "stable", "f1", "latency-drill", 60, "2026-11-22T09:00:00", 7777, 7777, 0, 7777);
        hit("pay", "stable", "f1", "latency-drill", 5, "2026-11-22T12:20:00", 6666, 6666, 0, 6666);
        hit("pay", "stable", "f1", "latency-drill", 3600, "2026-10-01T00:00:00", 5555, 5555, 0, 5555);
        hit("other", "stable", "f9", "latency-drill", 5, "2026-11-22T12:34:00", 9, 9, 0, 9);
    }

    @Test
    void availabilityCountsEachFaultsServerErrorsAcrossTheResolutionsOnce() {
        var hits = reader().hits(new Indicator.GatewayAvailability("pay"), -1, PLAN, MONTH);
        assertThat(hits)
                .containsExactly(
                        new FaultMetricsReader.FaultHits(
                                "latency-drill",
                                "f1",
                                Instant.parse("2026-11-22T08:00:00Z"),
                                Instant.parse("2026-11-22T12:30:05Z"),
                                550,
                                9),
                        new FaultMetricsReader.FaultHits(
                                "latency-drill",
                                "f2",
                                Instant.parse("2026-11-22T12:00:00Z"),
                                Instant.parse("2026-11-22T12:01:00Z"),
                                30,
                                30),
                        new FaultMetricsReader.FaultHits(
                                null,
                                "f3",
                                Instant.parse("2026-11-22T12:34:00Z"),
                                Instant.parse("2026-11-22T12:34:05Z"),
                                10,
                                0));
    }

    @Test
    void latencyCountsTheRequestsSlowerThanTheThresholdAsBad() {
        // 100 ms is bucket 17's bound: the delayed requests are good at 100 ms and bad at 99 ms
        int atHundred = GatewayStoreSource.goodBuckets(MetricsStoreFixture.BOUNDS_MS, 100.0);
        int belowHundred = GatewayStoreSource.goodBuckets(MetricsStoreFixture.BOUNDS_MS, 99.0);
        var lenient = reader().hits(new Indicator.GatewayLatency("pay", 100.0), atHundred, PLAN, MONTH);
        var strict = reader().hits(new Indicator.GatewayLatency("pay", 99.0), belowHundred, PLAN, MONTH);
        assertThat(lenient).extracting(FaultMetricsReader.FaultHits::bad).containsExactly(0L, 0L, 2L);
        assertThat(strict).extracting(FaultMetricsReader.FaultHits::bad).containsExactly(550L, 0L, 2L);
    }

    @Test
    void aShortWindowSeesOnlyTheFaultsThatHitInIt() {
        var hits = reader().hits(
                        new Indicator.GatewayAvailability("pay"), -1, PLAN, PLAN.alignedStart(Duration.ofMinutes(5)));
        assertThat(hits).extracting(FaultMetricsReader.FaultHits::faultId).containsExactly("f1", "f3");
        assertThat(hits.getFirst().events()).isEqualTo(50);
    }

    @Test
    void aStoreWithoutTheFaultDimensionIsUnavailableNotEmpty() throws Exception {
        MetricsStoreFixture.create("fault_it_old");
        jdbc.sql("DROP TABLE fault_it_old.fault_metrics").update();
        assertThatThrownBy(() -> new FaultMetricsReader(jdbc, "fault_it_old")
                        .hits(new Indicator.GatewayAvailability("pay"), -1, PLAN, MONTH))
                .isInstanceOf(EventSource.SourceUnavailable.class)
                .hasMessageContaining("fault dimension");
    }

    private static FaultMetricsReader reader() {
        return new FaultMetricsReader(jdbc, "fault_it");
    }

    private static void hit(
            String route,
            String version,
            String fault,
            String experiment,
            int resolution,
            String at,
            long requests,
            long errors,
            int bucket,
            long inBucket) {
        jdbc.sql("INSERT INTO fault_it.fault_metrics VALUES (:route, :version, :fault, :experiment, :res, :at, :req,"
                        + " :err, :h)")
                .param("route", route)
                .param("version", version)
                .param("fault", fault)
                .param("experiment", experiment)
                .param("res", resolution)
                .param("at", Instant.parse(at + "Z").atOffset(ZoneOffset.UTC))
                .param("req", requests)
                .param("err", errors)
                .param("h", MetricsStoreFixture.histogram(bucket, inBucket, 0, requests - inBucket))
                .update();
    }
}
