package dev.runway.flags.engine.model;

import java.util.List;

/**
 * A named audience in the ordered list of rings of a ruleset.
 *
 * @param key unique ring key, e.g. {@code "team"}, {@code "employees"}, {@code "beta"}
 * @param segments the ring's members are the members of any of these segments
 */
public record Ring(String key, List<String> segments) {
    public Ring {
        segments = Copies.list(segments);
    }
}
