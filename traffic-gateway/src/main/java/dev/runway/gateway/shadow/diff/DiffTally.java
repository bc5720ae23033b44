package dev.runway.gateway.shadow.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one route's comparisons found since the last {@link #drain()}: how many pairs were compared, and per
 * field path how often primary and shadow differed and how often the two primaries did (the noise), with a
 * few sample pairs. Bounded: at most {@value #MAX_PATHS} distinct paths, the rest counted under
 * {@value #OTHER}.
 */
public final class DiffTally {
    public static final int MAX_PATHS = 200;
    public static final int MAX_SAMPLES = 3;
    public static final String OTHER = "(other)";

    private long comparisons;
    private long noiseComparisons;
    private long failures;
    private final Map<String, Counts> paths = new LinkedHashMap<>();

    /**
     * One comparison.
     *
     * @param candidate primary-vs-shadow differences
     * @param noise primary-vs-secondary differences, or null when the route has no second primary
     */
    public synchronized void record(List<FieldDiff> candidate, List<FieldDiff> noise) {
        comparisons++;
        Set<String> seen = new HashSet<>();
        for (FieldDiff diff : candidate) {
            if (seen.add(diff.path())) {
                Counts counts = countsFor(diff.path());
                counts.differences++;
                if (counts.samples.size() < MAX_SAMPLES) {
                    counts.samples.add(diff);
                }
            }
        }
        if (noise != null) {
            noiseComparisons++;
            Set<String> seenNoise = new HashSet<>();
            for (FieldDiff diff : noise) {
                if (seenNoise.add(diff.path())) {
                    countsFor(diff.path()).noise++;
                }
            }
        }
    }

    /** A copy that could not be compared: the shadow (or second primary) failed or timed out. */
    public synchronized void recordFailure() {
        failures++;
    }

    /** Returns what was counted since the last drain and starts again from zero. */
    public synchronized Delta drain() {
        List<PathDelta> out = new ArrayList<>(paths.size());
        paths.forEach((path, c) -> out.add(new PathDelta(path, c.differences, c.noise, List.copyOf(c.samples))));
        Delta delta = new Delta(comparisons, noiseComparisons, failures, out);
        comparisons = 0;
        noiseComparisons = 0;
        failures = 0;
        paths.clear();
        return delta;
    }

    private Counts countsFor(String path) {
        Counts counts = paths.get(path);
        if (counts == null) {
            String key = paths.size() < MAX_PATHS ? path : OTHER;
            counts = paths.computeIfAbsent(key, k -> new Counts());
        }
        return counts;
    }

    private static final class Counts {
        long differences;
        long noise;
        final List<FieldDiff> samples = new ArrayList<>(MAX_SAMPLES);
    }

    public record PathDelta(String path, long differences, long noise, List<FieldDiff> samples) {}

    public record Delta(long comparisons, long noiseComparisons, long failures, List<PathDelta> paths) {
        public boolean isEmpty() {
            return comparisons == 0 && failures == 0;
        }
    }
}
