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
     * <p>Weights are basis points and must add up to exactly 10 000. Variant {@code i} gets the buckets
     * {@code [w0 + … + w(i-1), w0 + … + wi)}. A two-variant split {@code [on: p, off: 10000 - p]} is the
     * classic monotonic percentage rollout: a user is "on" iff {@code bucket < p}.
     *
     * @param bucketBy the context attribute to bucket on; {@code null} means the targeting key
     * @param weights ordered variant weights
     */
    record Split(String bucketBy, List<Weight> weights) implements Serve {
        public static final String KIND = "split";

        public Split {
            weights = Copies.list(weights);
        }
    }

    /**
     * One variant's share of a split.
     *
     * @param variant the variant name
     * @param basisPoints share in 1/10 000ths (100 = 1 %)
     */
    record Weight(String variant, int basisPoints) {}
}
