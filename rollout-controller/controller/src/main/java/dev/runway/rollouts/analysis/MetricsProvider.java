package dev.runway.rollouts.analysis;

import dev.runway.judge.Observation;
import java.time.Instant;
import java.util.List;

/**
 * Reads per-bucket canary and baseline measurements for the judge. Implementations return only buckets
 * that are complete (every router replica has reported), in time order, so the judge never has to revise
 * a bucket it has seen.
 */
public interface MetricsProvider {

    /** Complete buckets that start at or after {@code from} and end at or before {@code to}. */
    List<Observation> read(String route, Instant from, Instant to);

    /**
     * How far from {@code from} a read up to {@code to} may go with only complete buckets: a store that
     * receives data late (a scrape interval behind) answers less than {@code to}, and the caller reads the rest
     * next time.
     */
    default Instant completeUpTo(Instant from, Instant to) {
        return to;
    }

    /** The provider could not answer; the analysis keeps its state and tries again at the next tick. */
    final class MetricsUnavailable extends RuntimeException {
        public MetricsUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
