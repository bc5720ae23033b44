package dev.runway.gateway.metrics;

import java.time.Instant;

/** One row of the metrics store: a route x version over one bucket. */
record BucketRow(
        String route,
        String version,
        int resolutionSeconds,
        Instant bucketStart,
        long requests,
        long serverErrors,
        long[] latencyCounts) {}
