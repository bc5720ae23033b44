package dev.runway.slo.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Time-slice budgeting's arithmetic: windows cut into slices aligned to the epoch, each judged on its own events.
 * A slice is bad when it had events and its share of good ones is below the slice target; a slice without events
 * is good (nothing failed in it). A window counts {@code window / slice} slices and the bad ones that start at or
 * after its start floored to a slice boundary, so a slice straddling the start counts whole, like a bucket does.
 *
 * <p>Sources judge slices from whatever they hold (SQL over stored counts, a Prometheus range query) and hand the
 * starts of the bad ones here; the gateway store does the same count inside its SQL.
 */
public final class TimeSlices {
    private final long sliceSeconds;
    private final NavigableSet<Long> badStarts = new TreeSet<>();

    public TimeSlices(Duration slice) {
        if (slice.toSeconds() <= 0) {
            throw new IllegalArgumentException("a slice lasts at least a second");
        }
        this.sliceSeconds = slice.toSeconds();
    }

    /** Whether a slice with these counts is bad. */
    public static boolean isBad(double total, double good, double sliceTarget) {
        return total > 0 && good < sliceTarget * total;
    }

    /** The start of the slice holding {@code instant}. */
    public Instant sliceOf(Instant instant) {
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), sliceSeconds) * sliceSeconds);
    }

    /** Judges the slice starting at {@code start}; judging it again replaces the earlier verdict. */
    public void judge(Instant start, boolean bad) {
        long key = sliceOf(start).getEpochSecond();
        if (bad) {
            badStarts.add(key);
        } else {
            badStarts.remove(key);
        }
    }

    /** Forgets the slices that start before {@code start}: no window reaches them any more. */
    public void forgetBefore(Instant start) {
        badStarts.headSet(start.getEpochSecond(), false).clear();
    }

    /** Slices in the window ending {@code now}, and the bad ones among them. */
    public EventCounts count(Duration window, Instant now) {
        long slices = Math.max(1, window.toSeconds() / sliceSeconds);
        long from = sliceOf(now.minus(window)).getEpochSecond();
        long bad = badStarts.tailSet(from, true).size();
        return new EventCounts(slices, Math.min(slices, bad));
    }
}
