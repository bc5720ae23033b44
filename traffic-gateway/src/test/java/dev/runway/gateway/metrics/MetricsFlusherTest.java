package dev.runway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.gateway.fault.rule.FaultAction;
import dev.runway.gateway.route.table.Version;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** The flusher against a store kept in a list (or one that is down): which rows go out, when series go. */
class MetricsFlusherTest {
    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    static final FaultAction FAULT = new FaultAction("f1", "exp-latency-1", 0, 503, NOW.plusSeconds(60));

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RequestMetrics metrics = new RequestMetrics(registry);
    final List<BucketRow> written = new ArrayList<>();
    boolean databaseDown;
    final MetricsStore store = new MetricsStore(null, null) {
        @Override
        void add(List<BucketRow> rows) {
            if (databaseDown) {
                throw new DataAccessResourceFailureException("down");
            }
            written.addAll(rows);
        }
    };
    final MetricsSettings settings = new MetricsSettings(5, null, null, null, null);

    MetricsFlusher flusherAt(Instant now) {
        return new MetricsFlusher(metrics, store, settings, Clock.fixed(now, ZoneOffset.UTC), registry);
    }

    @Test
    void aFaultedRequestGoesOutAsARouteRowAndAFaultRowWithItsExperiment() {
        metrics.record("pricing", Version.STABLE, FAULT, 503, 1_000_000);
        flusherAt(NOW).flush(NOW);

        assertThat(written).hasSize(2);
        assertThat(written)
                .filteredOn(row -> row.faultId() == null)
                .singleElement()
                .satisfies(row -> assertThat(row.requests()).isEqualTo(1));
        assertThat(written)
                .filteredOn(row -> "f1".equals(row.faultId()))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.experiment()).isEqualTo("exp-latency-1");
                    assertThat(row.serverErrors()).isEqualTo(1);
                    assertThat(row.table()).isEqualTo(MetricsTable.FAULTS);
                });
    }

    @Test
    void faultRowsWaitInMemoryWhileTheDatabaseIsDown() {
        MetricsFlusher flusher = flusherAt(NOW);
        metrics.record("pricing", Version.STABLE, FAULT, 503, 1_000_000);
        databaseDown = true;
        flusher.flush(NOW);
        assertThat(flusher.pendingRows()).isEqualTo(2);

        databaseDown = false;
        flusher.flush(NOW.plusSeconds(5));
        assertThat(flusher.pendingRows()).isZero();
        assertThat(written).filteredOn(row -> "f1".equals(row.faultId())).hasSize(1);
    }

    @Test
    void aFaultSeriesIsForgottenOnlyOnceItsFaultHasExpiredPastTheGraceAndItsCountsAreWritten() {
        metrics.record("pricing", Version.STABLE, FAULT, 503, 1_000_000);
        Instant afterGrace =
                FAULT.expiresAt().plus(MetricsFlusher.FAULT_SERIES_GRACE).plusSeconds(1);
        MetricsFlusher flusher = flusherAt(afterGrace);

        flusher.flush(afterGrace);
        assertThat(written).filteredOn(row -> "f1".equals(row.faultId())).hasSize(1);
        assertThat(metrics.series()).anyMatch(s -> s.fault != null);

        flusher.flush(afterGrace.plusSeconds(5));
        assertThat(metrics.series()).noneMatch(s -> s.fault != null);
        assertThat(metrics.series()).hasSize(1);
    }

    @Test
    void anIdleFaultSeriesIsKeptWhileItsFaultIsInForce() {
        metrics.record("pricing", Version.STABLE, FAULT, 503, 1_000_000);
        MetricsFlusher flusher = flusherAt(NOW);
        flusher.flush(NOW);
        flusher.flush(NOW.plusSeconds(5));
        assertThat(metrics.series()).anyMatch(s -> s.fault != null);
    }
}
