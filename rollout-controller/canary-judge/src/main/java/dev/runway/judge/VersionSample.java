package dev.runway.judge;

/**
 * What the gateway measured for one version (canary or baseline) in one time bucket.
 *
 * <p>{@code latency} holds the requests whose latency was recorded; it may count fewer than
 * {@code requests} (e.g. connection resets have no latency), so latency tests use its own total.
 */
public record VersionSample(long requests, long errors, LatencyHistogram latency) {

    public VersionSample {
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException(
                    "need 0 <= errors <= requests, got errors=" + errors + ", requests=" + requests);
        }
        if (latency == null) {
            throw new IllegalArgumentException("latency histogram is required (use LatencyHistogram.empty)");
        }
    }
}
