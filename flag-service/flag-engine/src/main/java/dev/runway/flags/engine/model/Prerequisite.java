package dev.runway.flags.engine.model;

import java.util.List;

/**
 * The requirement that another flag evaluate (for the same context) to one of the given variants.
 *
 * @param flag the key of the required flag
 * @param variants the variants that satisfy the requirement; at least one
 */
public record Prerequisite(String flag, List<String> variants) {
    public Prerequisite {
        variants = Copies.list(variants);
    }
}
