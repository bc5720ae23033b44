package dev.runway.slo.evaluation;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kept sums of one settled piece of the gateway's store (see {@link GatewayStoreSource.Piece}): for the
 * rows in {@code [lower, upper)}, per route, each window's total, bad and good counts laid out as in
 * {@link GatewayStoreSource.Layout}, counting the rows at or after the window's start (clamped into the piece).
 *
 * <p>The sums are kept in parts: the one-minute piece per clock hour (key: epoch second / 3600), so that when
 * the hour cut moves, the minutes of the hour that leaves go out by subtracting that hour's part instead of
 * reading its 60 rows per route again; the one-hour piece in one part (key 0). Never changed once built: a
 * shift builds a new one, so a snapshot can be written from another thread.
 *
 * @param starts each window's start clamped into the piece, windows sorted by length
 * @param sums per route, the parts added up: what the piece contributes to each window
 */
record KeptPiece(
        Instant lower,
        Instant upper,
        List<Instant> starts,
        List<Integer> goodBuckets,
        Set<String> routes,
        Map<String, Map<Long, long[]>> parts,
        Map<String, long[]> sums) {

    static KeptPiece of(
            Instant lower,
            Instant upper,
            List<Instant> starts,
            List<Integer> goodBuckets,
            Set<String> routes,
            Map<String, Map<Long, long[]>> parts) {
        int width = starts.size() * (2 + goodBuckets.size());
        Map<String, long[]> sums = new HashMap<>();
        parts.forEach((route, byKey) -> {
            if (!byKey.isEmpty()) {
                long[] total = new long[width];
                for (long[] part : byKey.values()) {
                    for (int i = 0; i < width; i++) {
                        total[i] += part[i];
                    }
                }
                sums.put(route, total);
            }
        });
        return new KeptPiece(
                lower, upper, List.copyOf(starts), List.copyOf(goodBuckets), Set.copyOf(routes), parts, sums);
    }

    // by start, not by window: a calendar month's window grows every cycle, its start does not
    boolean sameAs(Instant lower, Instant upper, List<Instant> starts, List<Integer> goodBuckets, Set<String> routes) {
        return this.lower.equals(lower)
                && this.upper.equals(upper)
                && this.starts.equals(starts)
                && this.goodBuckets.equals(goodBuckets)
                && this.routes.equals(routes);
    }

    /** Whether a shift can reach the sums for these bounds from these: same routes and thresholds, cuts not back. */
    boolean shiftableTo(Instant upper, List<Instant> starts, List<Integer> goodBuckets, Set<String> routes) {
        return this.goodBuckets.equals(goodBuckets)
                && this.routes.equals(routes)
                && this.starts.size() == starts.size()
                && !upper.isBefore(this.upper);
    }

    /** A copy of the parts that a shift may change. */
    Map<String, Map<Long, long[]>> copyOfParts() {
        Map<String, Map<Long, long[]>> copy = new HashMap<>();
        parts.forEach((route, byKey) -> {
            Map<Long, long[]> into = new HashMap<>();
            byKey.forEach((key, part) -> into.put(key, part.clone()));
            copy.put(route, into);
        });
        return copy;
    }
}
