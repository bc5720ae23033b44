package dev.runway.gateway.traffic.assign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BucketingTest {

    /** Published MurmurHash3 x86_32 vectors (seed 0): the library computes the hash everyone else does. */
    static Stream<Arguments> referenceHashes() {
        return Stream.of(
                Arguments.of("", 0x00000000),
                Arguments.of("hello", 0x248bfa47),
                Arguments.of("The quick brown fox jumps over the lazy dog", 0x2e4ff723));
    }

    @ParameterizedTest
    @MethodSource("referenceHashes")
    void theHashIsStandardMurmur3(String input, int expected) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        assertThat(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0)).isEqualTo(expected);
    }

    /**
     * Golden buckets: if any of these changes, every user would be reshuffled between versions on upgrade.
     * Worked example: hash("pricing:user-1") = 0x659250f8 = 1704087800; 1704087800 * 10000 / 2^32 = 3967.6.
     */
    static Stream<Arguments> goldenBuckets() {
        return Stream.of(
                Arguments.of("pricing", "user-1", 3967),
                Arguments.of("pricing", "user-2", 6105),
                Arguments.of("checkout", "user-1", 8146),
                Arguments.of("pricing", "alice", 8679));
    }

    @ParameterizedTest
    @MethodSource("goldenBuckets")
    void bucketsArePinned(String route, String key, int bucket) {
        assertThat(Bucketing.bucket(route, key)).isEqualTo(bucket);
    }

    static Stream<Arguments> scaling() {
        return Stream.of(
                Arguments.of(0x00000000, 0),
                Arguments.of(0x7fffffff, 4999),
                Arguments.of(0x80000000, 5000),
                Arguments.of(0xffffffff, 9999),
                Arguments.of(0x248bfa47, 1427));
    }

    @ParameterizedTest
    @MethodSource("scaling")
    void theHashIsScaledAsUnsignedIntoTenThousandBuckets(int hash, int bucket) {
        assertThat(Bucketing.scale(hash)).isEqualTo(bucket);
    }

    @Test
    void theRouteSaltsTheBucketSoServicesAreIndependent() {
        assertThat(Bucketing.bucket("pricing", "user-1")).isNotEqualTo(Bucketing.bucket("checkout", "user-1"));
    }

    @Test
    void bucketsSpreadEvenlyOverTenThousandKeys() {
        int[] deciles = new int[10];
        for (int i = 0; i < 10_000; i++) {
            deciles[Bucketing.bucket("pricing", "user-" + i) / 1000]++;
        }
        for (int count : deciles) {
            assertThat(count).isBetween(900, 1100);
        }
    }
}
