package dev.runway.flags.engine;

import dev.runway.flags.engine.model.Serve;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pure functions over split layouts: which buckets each variant owns, and how to change weights while
 * moving as few users as possible.
 *
 * <p>The guarantee of {@link #rebalance}: a variant whose weight does not shrink keeps every bucket it had;
 * a growing variant only receives buckets released by shrinking ones; so exactly {@code Σ max(0, old − new)}
 * buckets change hands, the least any scheme can move. Among the released buckets a growing variant takes
 * those next to its own first, so a two-variant rollout from 10 % to 20 % stays the single range {@code [0,
 * 2000)} — identical to the default layout and the "bucket &lt; p" rule.
 *
 * <p>Worked example: {@code [a 2000 | b 4000 | c 4000]} becoming {@code a 3000, b 4000, c 3000}. The default
 * layout would shift b's range up by 1000 and move 2000 buckets (1000 users b→a and 1000 c→b); rebalance
 * gives a {@code [0, 2000) ∪ [9000, 10000)}, leaves b at {@code [2000, 6000)}, and moves only the 1000 c→a.
 */
public final class Splits {

    private Splits() {}

    /**
     * The buckets each variant of a split owns: its slices, or the default layout (weights laid out in
     * declared order) when it has none. Zero-width entries are left out and neighbouring slices of the same
     * variant merged.
     */
    public static List<Serve.Slice> layout(Serve.Split split) {
        Objects.requireNonNull(split, "split");
        if (!split.slices().isEmpty()) {
            return slices(owners(split.slices()));
        }
        List<Serve.Slice> slices = new ArrayList<>();
        int from = 0;
        for (Serve.Weight weight : split.weights()) {
            if (weight.basisPoints() > 0) {
                slices.add(new Serve.Slice(from, from + weight.basisPoints(), weight.variant()));
                from += weight.basisPoints();
            }
        }
        return slices;
    }

    /**
     * A split with new weights whose slices move the fewest users from {@code current}.
     *
     * @param current the split as it is now (its slices or default layout); {@code null} for a new split
     * @param weights the new weights: non-negative, adding up to {@link Bucketing#BUCKETS}
     * @return a split with {@code weights} and explicit slices ({@code current}'s bucketBy kept)
     * @throws IllegalArgumentException if the weights are invalid (validate user input first)
     */
    public static Serve.Split rebalance(Serve.Split current, List<Serve.Weight> weights) {
        requireValid(weights);
        if (current == null) {
            Serve.Split fresh = new Serve.Split(null, weights);
            return new Serve.Split(null, weights, layout(fresh));
        }
        String[] owner = owners(layout(current));
        Map<String, Integer> before = totals(owner);
        Map<String, Integer> after = new LinkedHashMap<>();
        weights.forEach(weight -> after.merge(weight.variant(), weight.basisPoints(), Integer::sum));
        Map<String, Integer> release = new HashMap<>();
        before.forEach((variant, had) -> {
            int shrink = had - after.getOrDefault(variant, 0);
            if (shrink > 0) {
                release.put(variant, shrink);
            }
        });
        for (Map.Entry<String, Integer> target : after.entrySet()) {
            int need = target.getValue() - before.getOrDefault(target.getKey(), 0);
            need = claimAdjacent(owner, target.getKey(), need, release);
            claimFromTop(owner, target.getKey(), need, release);
        }
        return new Serve.Split(current.bucketBy(), weights, slices(owner));
    }

    /** How many buckets (basis points of users) serve a different variant in {@code after} than in {@code before}. */
    public static int movedBasisPoints(Serve.Split before, Serve.Split after) {
        String[] was = owners(layout(before));
        String[] is = owners(layout(after));
        int moved = 0;
        for (int bucket = 0; bucket < Bucketing.BUCKETS; bucket++) {
            if (!Objects.equals(was[bucket], is[bucket])) {
                moved++;
            }
        }
        return moved;
    }

    /** Takes released buckets bordering the variant's own, run by run, until none border it any more. */
    private static int claimAdjacent(String[] owner, String variant, int need, Map<String, Integer> release) {
        boolean progress = need > 0;
        while (need > 0 && progress) {
            progress = false;
            for (int bucket = 0; bucket < owner.length && need > 0; bucket++) {
                if (!variant.equals(owner[bucket])) {
                    continue;
                }
                for (int right = bucket + 1;
                        need > 0 && right < owner.length && releases(owner[right], release);
                        right++) {
                    take(owner, right, variant, release);
                    need--;
                    progress = true;
                }
                for (int left = bucket - 1; need > 0 && left >= 0 && releases(owner[left], release); left--) {
                    take(owner, left, variant, release);
                    need--;
                    progress = true;
                }
            }
        }
        return need;
    }

    /** Takes released buckets from the top down (a new variant, or one with no releasing neighbour). */
    private static void claimFromTop(String[] owner, String variant, int need, Map<String, Integer> release) {
        for (int bucket = owner.length - 1; bucket >= 0 && need > 0; bucket--) {
            if (releases(owner[bucket], release)) {
                take(owner, bucket, variant, release);
                need--;
            }
        }
    }

    private static boolean releases(String variant, Map<String, Integer> release) {
        return release.getOrDefault(variant, 0) > 0;
    }

    private static void take(String[] owner, int bucket, String variant, Map<String, Integer> release) {
        release.merge(owner[bucket], -1, Integer::sum);
        owner[bucket] = variant;
    }

    private static String[] owners(List<Serve.Slice> slices) {
        String[] owner = new String[Bucketing.BUCKETS];
        for (Serve.Slice slice : slices) {
            for (int bucket = Math.max(0, slice.from()); bucket < Math.min(Bucketing.BUCKETS, slice.to()); bucket++) {
                owner[bucket] = slice.variant();
            }
        }
        return owner;
    }

    private static Map<String, Integer> totals(String[] owner) {
        Map<String, Integer> totals = new HashMap<>();
        for (String variant : owner) {
            if (variant != null) {
                totals.merge(variant, 1, Integer::sum);
            }
        }
        return totals;
    }

    private static List<Serve.Slice> slices(String[] owner) {
        List<Serve.Slice> slices = new ArrayList<>();
        int from = 0;
        for (int bucket = 1; bucket <= owner.length; bucket++) {
            if (bucket == owner.length || !Objects.equals(owner[bucket], owner[from])) {
                slices.add(new Serve.Slice(from, bucket, owner[from]));
                from = bucket;
            }
        }
        return slices;
    }

    private static void requireValid(List<Serve.Weight> weights) {
        long total = 0;
        for (Serve.Weight weight : weights) {
            if (weight == null || weight.variant() == null || weight.basisPoints() < 0) {
                throw new IllegalArgumentException("weights need a variant and a non-negative share: " + weight);
            }
            total += weight.basisPoints();
        }
        if (total != Bucketing.BUCKETS) {
            throw new IllegalArgumentException("weights add up to " + total + ", not " + Bucketing.BUCKETS);
        }
    }
}
