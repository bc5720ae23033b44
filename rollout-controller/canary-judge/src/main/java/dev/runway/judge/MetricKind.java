package dev.runway.judge;

/** Kind of a metric in a report (a plain enum so reports serialise without type information). */
public enum MetricKind {
    ERROR_RATIO,
    LATENCY,
    THRESHOLD
}
