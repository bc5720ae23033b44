package dev.runway.flags.engine.model;

import java.util.List;

/**
 * What a rule (or a flag's rollout) serves: one fixed variant, or a weighted split. Sealed with distinct
 * JSON properties per kind ({@code variant} vs {@code weights}) for Jackson deduction or a {@code kind}
 * discriminator ({@link Variant#KIND}, {@link Split#KIND}).
 */
public sealed interface Serve permits Serve.Variant, Serve.Split {

    /**
     * Serve one variant.
     *
     * @param variant the variant name
     */
    record Variant(String variant) implements Serve {
        public static final String KIND = "variant";
    }

    /**
     * Split users between variants by weight, deterministically by bucket (see {@code Bucketing}).
     *
     * <p>Weights are basis points and must add up to exactly 10 000. Which buckets each variant owns is
     * given by {@code slices}, a partition of {@code [0, 10000)}. Without slices the default layout applies:
     * variant {@code i} owns {@code [w0 + … + w(i-1), w0 + … + wi)} in declared order, so a two-variant
     * split {@code [on: p, off: 10000 - p]} is the classic monotonic percentage rollout (on iff {@code
     * bucket < p}).
     *
     * <p>Why slices: with the default layout alone, moving weight between two non-adjacent variants
     * shifts the ranges of every variant in between, reshuffling users who should not move at all. When
     * weights are edited the server calls {@code Splits.rebalance(old, newWeights)}, which keeps every
     * bucket whose variant does not shrink where it is and hands growing variants only buckets released by
     * shrinking ones (preferring buckets next to their own, so simple rollouts stay one range). The SDK just
     * looks the bucket up in the slices.
     *
     * @param bucketBy the context attribute to bucket on; {@code null} means the targeting key
     * @param weights ordered variant weights
     * @param slices which buckets each variant owns; empty means the default layout
     */
    record Split(String bucketBy, List<Weight> weights, List<Slice> slices) implements Serve {
        public static final String KIND = "split";

        public Split {
            weights = Copies.list(weights);
            slices = Copies.list(slices);
        }

        /** A split in the default layout. */
        public Split(String bucketBy, List<Weight> weights) {
            this(bucketBy, weights, List.of());
        }
    }

    /**
     * The buckets {@code [from, to)} served {@code variant}.
     *
     * @param from first bucket, inclusive
     * @param to last bucket, exclusive
     * @param variant the variant name
     */
    record Slice(int from, int to, String variant) {}

    /**
     * One variant's share of a split.
     *
     * @param variant the variant name
     * @param basisPoints share in 1/10 000ths (100 = 1 %)
     */
    record Weight(String variant, int basisPoints) {}
}
