package dev.runway.gateway.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One row of the metrics store: a route x version over one bucket ({@code request_metrics}), or, with
 * {@code faultId} set, the requests one injected fault hit there ({@code fault_metrics}; {@code experiment} is
 * "" when the fault carried no experiment label).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BucketRow(
        String route,
        String version,
        int resolutionSeconds,
        Instant bucketStart,
        long requests,
        long serverErrors,
        long[] latencyCounts,
        String faultId,
        String experiment) {

    MetricsTable table() {
        return faultId == null ? MetricsTable.REQUESTS : MetricsTable.FAULTS;
    }
}
