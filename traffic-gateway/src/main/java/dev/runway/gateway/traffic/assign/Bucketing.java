package dev.runway.gateway.traffic.assign;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The sticky bucket of a key: MurmurHash3 (x86, 32 bit, seed 0) of {@code routeId + ":" + key}, read as
 * an unsigned number and scaled into 0..9999 by {@code (hash * 10000) >>> 32}.
 *
 * <p>A user sees the canary iff {@code bucket < canaryWeight}, so raising the weight only adds buckets:
 * nobody who saw the canary goes back to stable while the weight grows. Salting with the route id keeps
 * services independent: being in the first 5 % of one service says nothing about another.
 *
 * <p>Worked example: route {@code pricing}, key {@code user-1}: the hash of {@code "pricing:user-1"} is
 * scaled by 10000/2^32; the golden values in the test pin the result so that a library upgrade that changed
 * it (and so reshuffled every user) would fail the build.
 */
public final class Bucketing {
    public static final int BUCKETS = 10_000;

    private Bucketing() {}

    public static int bucket(String routeId, String key) {
        byte[] bytes = (routeId + ":" + key).getBytes(StandardCharsets.UTF_8);
        return scale(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0));
    }

    /** Maps a 32-bit hash evenly onto 0..9999 without the bias of a modulo. */
    static int scale(int hash) {
        return (int) (((hash & 0xFFFF_FFFFL) * BUCKETS) >>> 32);
    }
}
