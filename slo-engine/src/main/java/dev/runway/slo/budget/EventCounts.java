package dev.runway.slo.budget;

import java.util.OptionalDouble;

/**
 * Events observed over some window: how many there were and how many were bad.
 *
 * <p>Counts add; ratios do not. Summing counts before dividing is what makes every figure derived here
 * event-weighted: a quiet hour with one failed request out of two weighs as two events, not as a 50 % hour.
 */
public record EventCounts(long total, long bad) {
    public static final EventCounts NONE = new EventCounts(0, 0);

    public EventCounts {
        if (total < 0 || bad < 0) {
            throw new IllegalArgumentException("counts must not be negative: total " + total + ", bad " + bad);
        }
        if (bad > total) {
            throw new IllegalArgumentException("bad (" + bad + ") exceeds total (" + total + ")");
        }
    }

    public static EventCounts ofGood(long total, long good) {
        return new EventCounts(total, total - good);
    }

    public EventCounts plus(EventCounts other) {
        return new EventCounts(total + other.total, bad + other.bad);
    }

    public long good() {
        return total - bad;
    }

    /** bad / total, or empty when there were no events: zero traffic says nothing about reliability. */
    public OptionalDouble errorRatio() {
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bad / total);
    }
}
