package dev.runway.flags.engine;

import static dev.runway.flags.engine.Fixtures.engine;
import static dev.runway.flags.engine.Fixtures.flag;
import static dev.runway.flags.engine.Fixtures.outcome;
import static dev.runway.flags.engine.Fixtures.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Serve;
import dev.runway.flags.engine.model.Serve.Slice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SplitsTest {

    private static final Map<String, Object> ABC = Map.of("a", "A", "b", "B", "c", "C", "d", "D", "off", "-");

    @Test
    void defaultLayoutIsWeightsInDeclaredOrder() {
        assertThat(Splits.layout(split("a", 2000, "b", 0, "c", 8000)))
                .containsExactly(new Slice(0, 2000, "a"), new Slice(2000, 10_000, "c"));
    }

    @Test
    void growingATwoVariantRolloutKeepsTheSingleRangeOfBucketsBelowP() {
        Serve.Split grown = Splits.rebalance(split("on", 1000, "off", 9000), weights("on", 2000, "off", 8000));
        assertThat(grown.slices()).containsExactly(new Slice(0, 2000, "on"), new Slice(2000, 10_000, "off"));
    }

    @Test
    void movingWeightBetweenNonAdjacentVariantsLeavesTheOneInBetweenAlone() {
        Serve.Split before = split("a", 2000, "b", 4000, "c", 4000);
        Serve.Split after = Splits.rebalance(before, weights("a", 3000, "b", 4000, "c", 3000));

        assertThat(after.slices())
                .containsExactly(
                        new Slice(0, 2000, "a"),
                        new Slice(2000, 6000, "b"),
                        new Slice(6000, 9000, "c"),
                        new Slice(9000, 10_000, "a"));
        assertThat(Splits.movedBasisPoints(before, after)).isEqualTo(1000);
        assertThat(Splits.movedBasisPoints(before, split("a", 3000, "b", 4000, "c", 3000)))
                .as("the default layout would move twice as many")
                .isEqualTo(2000);
    }

    @Test
    void newVariantTakesOnlyFromShrinkingOnes() {
        Serve.Split before = split("a", 5000, "b", 5000);
        Serve.Split after = Splits.rebalance(before, weights("a", 5000, "b", 4000, "c", 1000));
        assertThat(after.slices())
                .containsExactly(new Slice(0, 5000, "a"), new Slice(5000, 9000, "b"), new Slice(9000, 10_000, "c"));
    }

    @Test
    void removedVariantReleasesAllItsBuckets() {
        Serve.Split before = split("a", 3000, "b", 3000, "c", 4000);
        Serve.Split after = Splits.rebalance(before, weights("a", 6000, "c", 4000));
        assertThat(Splits.movedBasisPoints(before, after)).isEqualTo(3000);
        assertThat(Splits.layout(after)).extracting(Slice::variant).doesNotContain("b");
    }

    @Test
    void rebalanceOfANewSplitIsTheDefaultLayout() {
        assertThat(Splits.rebalance(null, weights("a", 4000, "b", 6000)).slices())
                .containsExactly(new Slice(0, 4000, "a"), new Slice(4000, 10_000, "b"));
    }

    @Test
    void rebalanceRejectsInvalidWeights() {
        assertThatThrownBy(() -> Splits.rebalance(null, weights("a", 4000, "b", 5000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.rebalance(null, weights("a", -1, "b", 10_001)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Property over random edit sequences: every edit moves exactly Σ max(0, old − new) buckets, no bucket of
     * a variant that did not shrink changes hands, and the result is a valid split the engine accepts.
     */
    @Test
    void everyEditMovesTheMinimumAndNeverTakesFromNonShrinkingVariants() {
        Random random = new Random(1_234);
        List<String> variants = List.of("a", "b", "c", "d");
        for (int sequence = 0; sequence < 40; sequence++) {
            Serve.Split current = Splits.rebalance(null, randomWeights(random, variants));
            for (int edit = 0; edit < 8; edit++) {
                List<Serve.Weight> next = randomWeights(random, variants);
                Serve.Split after = Splits.rebalance(current, next);

                Map<String, Integer> before = shares(current);
                Map<String, Integer> now = shares(after);
                int minimum = 0;
                for (String variant : variants) {
                    minimum += Math.max(0, before.getOrDefault(variant, 0) - now.getOrDefault(variant, 0));
                }
                assertThat(Splits.movedBasisPoints(current, after)).isEqualTo(minimum);
                assertNoLossForNonShrinking(current, after, before, now);
                assertThat(RulesetValidator.validate(Fixtures.ruleset(flag("f")
                                .type(FlagType.STRING, ABC)
                                .rollout(after)
                                .build())))
                        .isEmpty();
                current = after;
            }
        }
    }

    @Test
    void engineServesTheVariantOfTheSliceHoldingTheBucket() {
        Serve.Split sliced =
                Splits.rebalance(split("a", 2000, "b", 4000, "c", 4000), weights("a", 3000, "b", 4000, "c", 3000));
        FlagEngine engine =
                engine(flag("f").type(FlagType.STRING, ABC).rollout(sliced).build());
        for (int i = 0; i < 2_000; i++) {
            String user = "user-" + i;
            int bucket = Bucketing.bucket("f", user);
            String expected = Splits.layout(sliced).stream()
                    .filter(slice -> slice.from() <= bucket && bucket < slice.to())
                    .findFirst()
                    .orElseThrow()
                    .variant();
            assertThat(outcome(engine.evaluate("f", EvaluationContext.of(user))))
                    .isEqualTo(expected);
        }
    }

    @Test
    void slicesThatDisagreeWithWeightsAreRejected() {
        Serve.Split bad = new Serve.Split(
                null, weights("a", 5000, "b", 5000), List.of(new Slice(0, 6000, "a"), new Slice(6000, 10_000, "b")));
        assertThat(RulesetValidator.validate(Fixtures.ruleset(
                        flag("f").type(FlagType.STRING, ABC).rollout(bad).build())))
                .extracting(Violation::path, Violation::code)
                .contains(org.assertj.core.groups.Tuple.tuple("flags[0].rollout.slices", ViolationCode.INVALID_SLICES));
        Serve.Split gap = new Serve.Split(
                null, weights("a", 5000, "b", 5000), List.of(new Slice(0, 5000, "a"), new Slice(5001, 10_000, "b")));
        assertThat(RulesetValidator.validate(Fixtures.ruleset(
                        flag("f").type(FlagType.STRING, ABC).rollout(gap).build())))
                .extracting(Violation::path)
                .contains("flags[0].rollout.slices[1]");
    }

    private static void assertNoLossForNonShrinking(
            Serve.Split before, Serve.Split after, Map<String, Integer> was, Map<String, Integer> is) {
        for (Slice slice : Splits.layout(before)) {
            if (is.getOrDefault(slice.variant(), 0) >= was.getOrDefault(slice.variant(), 0)) {
                for (Slice now : Splits.layout(after)) {
                    boolean overlaps = now.from() < slice.to() && slice.from() < now.to();
                    if (overlaps) {
                        assertThat(now.variant())
                                .as("buckets of non-shrinking %s", slice.variant())
                                .isEqualTo(slice.variant());
                    }
                }
            }
        }
    }

    private static Map<String, Integer> shares(Serve.Split split) {
        Map<String, Integer> shares = new HashMap<>();
        Splits.layout(split).forEach(slice -> shares.merge(slice.variant(), slice.to() - slice.from(), Integer::sum));
        return shares;
    }

    private static List<Serve.Weight> randomWeights(Random random, List<String> variants) {
        List<Serve.Weight> weights = new ArrayList<>();
        int left = Bucketing.BUCKETS;
        for (int i = 0; i < variants.size(); i++) {
            int share = i == variants.size() - 1 ? left : random.nextInt(left + 1);
            weights.add(new Serve.Weight(variants.get(i), share));
            left -= share;
        }
        return weights;
    }

    private static List<Serve.Weight> weights(Object... variantsAndWeights) {
        return split(variantsAndWeights).weights();
    }
}
