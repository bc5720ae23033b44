package dev.runway.gateway.metrics;

import java.util.List;

/**
 * The two tables of the metrics store. They share the bucket columns and every rule (resolutions, roll-ups,
 * retention); they differ only in the dimensions that name a series, so the store's SQL is written once and
 * filled in from here.
 */
enum MetricsTable {
    /** Every request, per route x version. */
    REQUESTS("request_metrics", List.of("route", "version"), List.of("version")),
    /**
     * The requests an injected fault hit, per route x version x fault; the experiment label comes with the
     * fault id (one fault has one label), so it is a dimension but not part of the key.
     */
    FAULTS("fault_metrics", List.of("route", "version", "fault_id", "experiment"), List.of("version", "fault_id"));

    final String name;
    final List<String> dimensions;
    /** The primary key: route, resolution, bucket, then these. */
    final List<String> keyTail;

    MetricsTable(String name, List<String> dimensions, List<String> keyTail) {
        this.name = name;
        this.dimensions = dimensions;
        this.keyTail = keyTail;
    }

    String dimensionColumns() {
        return String.join(", ", dimensions);
    }

    String key() {
        return "route, resolution_seconds, bucket_start, " + String.join(", ", keyTail);
    }

    /** A row's values for {@link #dimensions}, in order. */
    List<Object> dimensionValues(BucketRow row) {
        return this == REQUESTS
                ? List.of(row.route(), row.version())
                : List.of(row.route(), row.version(), row.faultId(), row.experiment());
    }
}
