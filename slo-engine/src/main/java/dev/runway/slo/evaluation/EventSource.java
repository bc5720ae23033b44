package dev.runway.slo.evaluation;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/** Where an SLO's events are counted: one small interface per metrics system. */
interface EventSource {
    /** Whether this source reads the given indicator. */
    boolean reads(Indicator indicator);

    /**
     * Good and bad events of the indicator over the window ending now.
     *
     * @throws SourceUnavailable when the source cannot answer; the evaluation skips the SLO this cycle
     */
    EventCounts count(Indicator indicator, Duration window);

    /**
     * Everything one evaluation cycle needs from this source. A source that can read every indicator's windows
     * at once does it here (the gateway store: a few queries per cycle, not one per SLO and window); the
     * default asks {@link #count} lazily, one question at a time.
     *
     * @throws SourceUnavailable when nothing can be read this cycle
     */
    default Reading read(Collection<Indicator> indicators, Set<Duration> windows, Instant now) {
        return this::count;
    }

    /**
     * Time-slice budgeting: the windows cut into slices of {@code slice}; a slice is bad when its share of good
     * events is below {@code sliceTarget}. Counts come back as slices: total is the number of slices in the
     * window, bad the bad ones (a slice without events is good: nothing failed in it).
     *
     * @throws SourceUnavailable when the source cannot count slices (the default)
     */
    default Reading timeslices(
            Indicator indicator, Duration slice, double sliceTarget, Set<Duration> windows, Instant now) {
        throw new SourceUnavailable(getClass().getSimpleName() + " cannot count time slices", null);
    }

    /** Counts already read, or read on demand. */
    @FunctionalInterface
    interface Reading {
        /** @throws SourceUnavailable when this indicator's counts cannot be had */
        EventCounts count(Indicator indicator, Duration window);
    }

    final class SourceUnavailable extends RuntimeException {
        SourceUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
