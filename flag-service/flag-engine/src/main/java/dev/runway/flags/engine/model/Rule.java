package dev.runway.flags.engine.model;

import java.util.List;

/**
 * An ordered targeting rule of a flag. The closed set of rule kinds is a sealed interface; each kind has a
 * distinct set of JSON properties ({@code conditions} vs {@code upToRing}) so that Jackson can map it either
 * by deduction or with a {@code kind} discriminator whose names are {@link Match#KIND} and {@link
 * Rings#KIND}.
 */
public sealed interface Rule permits Rule.Match, Rule.Rings {

    /** Stable id, unique within the flag; reported in evaluation reasons and audit. */
    String id();

    /** What a matching context is served. */
    Serve serve();

    /**
     * Matches when every condition holds (an empty list matches everyone).
     *
     * @param id stable rule id
     * @param conditions conditions that must all hold
     * @param serve what to serve on a match
     */
    record Match(String id, List<Condition> conditions, Serve serve) implements Rule {
        public static final String KIND = "match";

        public Match {
            conditions = Copies.list(conditions);
        }
    }

    /**
     * Progressive exposure through rings: matches members of every ring from ring 0 up to and including
     * {@code upToRing}. Widening exposure is a one-field change that only ever adds people.
     *
     * @param id stable rule id
     * @param upToRing key of the outermost ring exposed
     * @param serve what to serve on a match
     */
    record Rings(String id, String upToRing, Serve serve) implements Rule {
        public static final String KIND = "rings";
    }
}
