package dev.runway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.gateway.fault.rule.FaultAction;
import dev.runway.gateway.route.table.Version;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {
    static final Instant EXPIRY = Instant.parse("2025-01-01T12:00:00Z");
    static final FaultAction ABORT = new FaultAction("f1", "exp-latency-1", 0, 503, EXPIRY);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RequestMetrics metrics = new RequestMetrics(registry);

    @Test
    void aFaultedRequestIsCountedForItsRouteAndForItsFault() {
        metrics.record("pricing", Version.CANARY, ABORT, 503, 2_000_000);
        metrics.record("pricing", Version.CANARY, 200, 2_000_000);

        RequestMetrics.Series route = only(null);
        RequestMetrics.Series fault = only("f1");
        assertThat(route.totals().requests()).isEqualTo(2);
        assertThat(route.totals().serverErrors()).isEqualTo(1);
        assertThat(fault.totals().requests()).isEqualTo(1);
        assertThat(fault.totals().serverErrors()).isEqualTo(1);
        assertThat(fault.fault.experiment()).isEqualTo("exp-latency-1");
        assertThat(fault.route).isEqualTo("pricing");
        assertThat(registry.get("runway.gateway.fault.hits")
                        .tag("route", "pricing")
                        .tag("experiment", "exp-latency-1")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aFaultWithoutExperimentIsLabelledWithTheEmptyString() {
        metrics.record("pricing", Version.STABLE, new FaultAction("f2", null, 100, 0, EXPIRY), 200, 1);
        assertThat(only("f2").fault.experiment()).isEmpty();
    }

    @Test
    void aForgottenFaultSeriesLeavesMemoryAndALateRequestStartsANewOneFromZero() {
        metrics.record("pricing", Version.STABLE, ABORT, 503, 1);
        RequestMetrics.Series old = only("f1");

        metrics.forget(old);
        assertThat(metrics.series()).noneMatch(s -> s.fault != null);

        metrics.record("pricing", Version.STABLE, ABORT, 503, 1);
        RequestMetrics.Series fresh = only("f1");
        assertThat(fresh).isNotSameAs(old);
        assertThat(fresh.totals().requests()).isEqualTo(1);
    }

    private RequestMetrics.Series only(String faultId) {
        var matching = metrics.series().stream()
                .filter(s -> faultId == null ? s.fault == null : s.fault != null && faultId.equals(s.fault.faultId()))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }
}
