package dev.runway.flags.engine;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Deterministic bucketing, the contract every Runway SDK must reproduce bit for bit.
 *
 * <pre>
 *   input  = UTF-8 bytes of (seed + "/" + value)
 *            seed  = the flag's salt, or the flag key when it has none
 *            value = the targeting key, or the split's bucketBy attribute (numbers/booleans in canonical form)
 *   hash   = MurmurHash3 x86_32(input, seed 0), read as an unsigned 32-bit integer
 *   bucket = (hash * 10000) >>> 32                       // 0 ≤ bucket ≤ 9999, uniform
 * </pre>
 *
 * <p>Worked example (pinned in {@code BucketingTest}): seed {@code "new-checkout"}, value {@code
 * "user-1"} → input {@code "new-checkout/user-1"}.
 *
 * <p>Why this shape: the "/" separator keeps {@code ("ab", "c")} and {@code ("a", "bc")} apart (flagd's bare
 * concatenation does not); multiply-and-shift maps the hash onto 10 000 buckets without the bias of {@code
 * hash % 10000}; basis points give 0.01 % steps. A percentage of {@code p} basis points includes a user iff
 * {@code bucket < p}, so raising a percentage only ever adds users (monotonic).
 *
 * <p>Why a salt: flags with the same salt put each user in the same bucket (coordinated rollouts of related
 * features); a new salt reshuffles a flag whose early cohort was unlucky.
 */
public final class Bucketing {

    /** Number of buckets; split weights are basis points and add up to this. */
    public static final int BUCKETS = 10_000;

    private Bucketing() {}

    /**
     * The bucket of {@code value} under {@code seed}.
     *
     * @param seed the flag's salt or key
     * @param value the targeting key or bucketBy attribute value
     * @return a bucket in {@code [0, 9999]}
     */
    public static int bucket(String seed, String value) {
        return bucket(prefix(seed), value);
    }

    /**
     * The unsigned MurmurHash3 x86_32 (seed 0) of {@code seed + "/" + value}; exposed so that SDKs in other
     * languages can compare the intermediate value, not just the bucket.
     */
    public static long hash(String seed, String value) {
        byte[] input = (seed + "/" + value).getBytes(StandardCharsets.UTF_8);
        return unsigned(MurmurHash3.hash32x86(input, 0, input.length, 0));
    }

    /** Maps an unsigned 32-bit hash onto {@code [0, 9999]}: {@code (hash * 10000) >>> 32}. */
    public static int bucketOf(long unsignedHash) {
        return (int) ((unsignedHash * BUCKETS) >>> 32);
    }

    /** The precomputed {@code seed + "/"} bytes, so evaluation only encodes the value. */
    static byte[] prefix(String seed) {
        return (seed + "/").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The bucket for a precomputed prefix. Encodes ASCII values straight into the hash input (one
     * allocation); anything else goes through the JDK's UTF-8 encoder, which gives the same bytes.
     */
    static int bucket(byte[] prefix, String value) {
        int length = value.length();
        byte[] input = new byte[prefix.length + length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return bucketOfNonAscii(prefix, value);
            }
            input[prefix.length + i] = (byte) c;
        }
        return bucketOf(unsigned(MurmurHash3.hash32x86(input, 0, input.length, 0)));
    }

    private static int bucketOfNonAscii(byte[] prefix, String value) {
        byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[prefix.length + encoded.length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        System.arraycopy(encoded, 0, input, prefix.length, encoded.length);
        return bucketOf(unsigned(MurmurHash3.hash32x86(input, 0, input.length, 0)));
    }

    private static long unsigned(int hash) {
        return hash & 0xFFFF_FFFFL;
    }
}
