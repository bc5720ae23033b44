package dev.runway.slo.evaluation;

import java.time.Duration;
import java.time.Instant;

/**
 * How a window ending {@code now} is read from the gateway's metrics store, whose rows come in three
 * resolutions: one-hour rows until {@code hourCut}, one-minute rows until {@code minuteCut}, raw 5 s buckets
 * after. These are the cut-offs the gateway's own query API uses: they lie inside the spans its roll-ups
 * recompute (3 h and 15 min), so the coarse rows before them are final, and the newest requests always count.
 *
 * <p>A window's start is floored to the resolution of the rows that cover it, as the gateway's API does: a
 * 30-day window starting at 10:17 counts the whole 10:00 hour row. Example at 12:34:56: {@code hourCut}
 * 10:00:00, {@code minuteCut} 12:24:00; a 5-minute window starts at 12:29:55 (raw), a 1-hour window at
 * 11:34:00 (minutes), a 6-hour window at 06:00:00 (hours).
 */
record StorePlan(Instant now, Instant hourCut, Instant minuteCut) {
    static final int RAW_SECONDS = 5;

    static StorePlan at(Instant now) {
        Instant hourCut = floor(now.minus(Duration.ofHours(2)), 3600);
        Instant minuteCut = floor(now.minus(Duration.ofMinutes(10)), 60);
        return new StorePlan(now, hourCut, minuteCut);
    }

    /** The first bucket a window ending now counts. */
    Instant alignedStart(Duration window) {
        Instant start = now.minus(window);
        if (!start.isBefore(minuteCut)) {
            return floor(start, RAW_SECONDS);
        }
        if (!start.isBefore(hourCut)) {
            return floor(start, 60);
        }
        return floor(start, 3600);
    }

    /** Whether part of the window lies in settled one-hour rows. */
    boolean readsHours(Duration window) {
        return alignedStart(window).isBefore(hourCut);
    }

    static Instant floor(Instant instant, long seconds) {
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }
}
