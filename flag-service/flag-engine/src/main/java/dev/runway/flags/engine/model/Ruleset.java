package dev.runway.flags.engine.model;

import java.util.List;

/**
 * One environment's complete, immutable flag configuration: what the server ships to SDKs and what
 * {@code FlagEngine.load} compiles.
 *
 * @param environment the environment key, e.g. {@code "production"}; informational
 * @param revision an opaque id that changes whenever anything in the ruleset changes; servers use it as
 *     the ETag of bulk evaluations and SDKs to skip reloading an unchanged ruleset
 * @param flags the flags, each with this environment's state and targeting
 * @param segments reusable audiences referenced by {@code in_segment} conditions and rings
 * @param rings ordered audiences for progressive exposure: ring 0 first (e.g. the team), then employees,
 *     beta users …; a {@link Rule.Rings} rule exposed up to ring N matches members of rings 0..N
 */
public record Ruleset(String environment, String revision, List<Flag> flags, List<Segment> segments, List<Ring> rings) {
    public Ruleset {
        flags = Copies.list(flags);
        segments = Copies.list(segments);
        rings = Copies.list(rings);
    }
}
