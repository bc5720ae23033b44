package dev.runway.gateway.traffic.assign;

import dev.runway.gateway.route.table.Version;

/**
 * The version chosen for a request and why.
 *
 * @param bucket the sticky bucket (0..9999) when the request had a key, else -1
 */
public record Assignment(Version version, Reason reason, int bucket) {
    public enum Reason {
        /** The route has no canary pool. */
        NO_CANARY,
        /** The request asked for a version with the pin header, which the route allows. */
        PINNED,
        /** The request belongs to a ring that always sees the canary. */
        AUDIENCE,
        /** The request's key hashed to a bucket below or at/above the weight. */
        STICKY,
        /** No key: one random draw for this request alone. */
        DRAW
    }
}
