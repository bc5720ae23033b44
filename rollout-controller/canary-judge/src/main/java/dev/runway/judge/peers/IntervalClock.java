package dev.runway.judge.peers;

import dev.runway.judge.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups buckets into the peer's evaluation intervals: the first evaluation at step start +
 * initialDelay + interval, then every interval, each over the buckets that ended since the previous
 * one (Argo's and Flagger's queries look back one interval; Kayenta uses {@link #all()}).
 */
final class IntervalClock {

    private final Duration interval;
    private final Duration initialDelay;
    private final List<Observation> window = new ArrayList<>();
    private final List<Observation> all = new ArrayList<>();
    private Instant stepStart;
    private Instant nextEvaluation;

    IntervalClock(Duration interval, Duration initialDelay) {
        if (interval.isZero() || interval.isNegative() || initialDelay.isNegative()) {
            throw new IllegalArgumentException("interval must be positive and initialDelay not negative");
        }
        this.interval = interval;
        this.initialDelay = initialDelay;
    }

    /** Adds a bucket; returns the window to evaluate when an interval has just completed, else null. */
    List<Observation> add(Observation o) {
        if (stepStart == null) {
            stepStart = o.start();
            nextEvaluation = stepStart.plus(initialDelay).plus(interval);
        }
        all.add(o);
        if (o.end().isAfter(stepStart.plus(initialDelay))) {
            window.add(o);
        }
        if (o.end().isBefore(nextEvaluation)) {
            return null;
        }
        List<Observation> completed = List.copyOf(window);
        window.clear();
        nextEvaluation = nextEvaluation.plus(interval);
        return completed;
    }

    List<Observation> all() {
        return all;
    }
}
