package dev.runway.flags.engine;

import static dev.runway.flags.engine.Fixtures.engine;
import static dev.runway.flags.engine.Fixtures.flag;
import static dev.runway.flags.engine.Fixtures.outcome;
import static dev.runway.flags.engine.Fixtures.split;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BucketingTest {

    /**
     * Published MurmurHash3 x86_32 vectors (SMHasher's reference implementation, as quoted by many ports), to
     * prove the library computes the standard function before we pin buckets on top of it.
     */
    static Stream<Arguments> publishedMurmurVectors() {
        return Stream.of(
                Arguments.of("empty input, seed 0", "", 0, 0x00000000L),
                Arguments.of("empty input, seed 1", "", 1, 0x514E28B7L),
                Arguments.of("empty input, seed 0xffffffff", "", 0xFFFFFFFF, 0x81F16F39L),
                Arguments.of("abc, seed 0", "abc", 0, 0xB3DD93FAL),
                Arguments.of("aaaa, seed 0x9747b28c", "aaaa", 0x9747B28C, 0x5A97808AL),
                Arguments.of("Hello, world!, seed 0x9747b28c", "Hello, world!", 0x9747B28C, 0x24884CBAL),
                Arguments.of(
                        "quick brown fox, seed 0x9747b28c",
                        "The quick brown fox jumps over the lazy dog",
                        0x9747B28C,
                        0x2FA826CDL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedMurmurVectors")
    void libraryComputesStandardMurmur3x86_32(String name, String input, int seed, long expected) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        assertThat(MurmurHash3.hash32x86(bytes, 0, bytes.length, seed) & 0xFFFF_FFFFL)
                .isEqualTo(expected);
    }

    /**
     * Golden values every SDK must reproduce: {@code hash = murmur3_x86_32(utf8(seed + "/" + value), 0)} and
     * {@code bucket = (hash * 10000) >>> 32}. Computed once with commons-codec (vector-checked above).
     */
    static Stream<Arguments> goldenBuckets() {
        return Stream.of(
                Arguments.of("new-checkout", "user-1", 1707527752L, 3975),
                Arguments.of("new-checkout", "user-2", 1121911356L, 2612),
                Arguments.of("new-checkout", "alice@example.com", 1167430012L, 2718),
                Arguments.of("dark-mode", "user-1", 45162110L, 105),
                Arguments.of("pricing-v2", "42", 2753042051L, 6409),
                Arguments.of("beta", "Zoë", 2140333517L, 4983),
                Arguments.of("beta", "日本", 527671596L, 1228));
    }

    @ParameterizedTest(name = "{0}/{1} -> hash {2}, bucket {3}")
    @MethodSource("goldenBuckets")
    void bucketsMatchPinnedGoldenValues(String seed, String value, long hash, int bucket) {
        assertThat(Bucketing.hash(seed, value)).isEqualTo(hash);
        assertThat(Bucketing.bucketOf(hash)).isEqualTo(bucket);
        assertThat(Bucketing.bucket(seed, value)).isEqualTo(bucket);
    }

    @Test
    void bucketOfMapsTheFullHashRangeOntoZeroTo9999() {
        assertThat(Bucketing.bucketOf(0L)).isZero();
        assertThat(Bucketing.bucketOf(0xFFFF_FFFFL)).isEqualTo(9_999);
        assertThat(Bucketing.bucketOf(1L << 31)).isEqualTo(5_000);
    }

    @Test
    void fastAsciiPathAndUtf8PathAgreeWithTheReferenceFormula() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            String value = randomString(random);
            assertThat(Bucketing.bucket(Bucketing.prefix("flag"), value))
                    .as("value %s", value)
                    .isEqualTo(Bucketing.bucketOf(Bucketing.hash("flag", value)));
        }
    }

    @Test
    void separatorKeepsSeedAndValueBoundariesApart() {
        assertThat(Bucketing.hash("ab", "c")).isNotEqualTo(Bucketing.hash("a", "bc"));
    }

    @Test
    void bucketsAreCloseToUniform() {
        int[] deciles = new int[10];
        int users = 100_000;
        for (int i = 0; i < users; i++) {
            deciles[Bucketing.bucket("uniformity", "user-" + i) / 1_000]++;
        }
        for (int count : deciles) {
            assertThat(count).isBetween(users / 10 - 600, users / 10 + 600);
        }
    }

    @Test
    void raisingAPercentageOnlyAddsUsers() {
        Random random = new Random(20_240_601);
        for (int trial = 0; trial < 200; trial++) {
            int p1 = random.nextInt(10_001);
            int p2 = p1 + random.nextInt(10_001 - p1);
            if (p1 == p2) {
                continue;
            }
            FlagEngine before = engine(
                    flag("rollout").rollout(split("on", p1, "off", 10_000 - p1)).build());
            FlagEngine after = engine(
                    flag("rollout").rollout(split("on", p2, "off", 10_000 - p2)).build());
            for (int u = 0; u < 50; u++) {
                EvaluationContext user = EvaluationContext.of(Long.toHexString(random.nextLong()));
                if (outcome(before.evaluate("rollout", user)).equals("on")) {
                    assertThat(outcome(after.evaluate("rollout", user)))
                            .as("user %s included at %d must stay included at %d", user.targetingKey(), p1, p2)
                            .isEqualTo("on");
                }
            }
        }
    }

    @Test
    void percentageIncludesExactlyTheUsersBelowTheThreshold() {
        Random random = new Random(99);
        for (int i = 0; i < 500; i++) {
            int p = random.nextInt(10_001);
            String user = "u" + random.nextInt();
            String expected = Bucketing.bucket("rollout", user) < p ? "on" : "off";
            FlagEngine engine = engine(
                    flag("rollout").rollout(split("on", p, "off", 10_000 - p)).build());
            assertThat(outcome(engine.evaluate("rollout", EvaluationContext.of(user))))
                    .isEqualTo(expected);
        }
    }

    @Test
    void growingOneVariantAtTheExpenseOfItsNeighbourMovesNoOneElse() {
        // [a, b, c]: a grows by 1000 and b shrinks by 1000; users of c, and a's existing users, must not move.
        FlagEngine before = engine(flag("exp")
                .variants(java.util.Map.of("a", true, "b", false, "c", true, "off", false))
                .rollout(split("a", 2000, "b", 4000, "c", 4000))
                .build());
        FlagEngine after = engine(flag("exp")
                .variants(java.util.Map.of("a", true, "b", false, "c", true, "off", false))
                .rollout(split("a", 3000, "b", 3000, "c", 4000))
                .build());
        List<String> moves = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            EvaluationContext user = EvaluationContext.of("user-" + i);
            String was = outcome(before.evaluate("exp", user));
            String is = outcome(after.evaluate("exp", user));
            if (!was.equals(is)) {
                moves.add(was + "->" + is);
            }
        }
        assertThat(moves).isNotEmpty().allMatch("b->a"::equals);
    }

    @Test
    void flagsSharingASaltBucketUsersIdentically() {
        FlagEngine engine = engine(
                flag("first")
                        .salt("checkout-2025")
                        .rollout(split("on", 3000, "off", 7000))
                        .build(),
                flag("second")
                        .salt("checkout-2025")
                        .rollout(split("on", 3000, "off", 7000))
                        .build());
        for (int i = 0; i < 1_000; i++) {
            EvaluationContext user = EvaluationContext.of("user-" + i);
            assertThat(outcome(engine.evaluate("second", user))).isEqualTo(outcome(engine.evaluate("first", user)));
        }
    }

    private static String randomString(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(20);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(4) == 0 ? (char) (0x80 + random.nextInt(0x3000)) : (char) random.nextInt(0x80));
        }
        return sb.toString();
    }
}
