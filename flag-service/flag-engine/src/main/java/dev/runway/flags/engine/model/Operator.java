package dev.runway.flags.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The closed set of condition operators, with their wire names (the enum name in lower case, e.g. {@code
 * "starts_with"}).
 *
 * <p>Semantics shared by all attribute operators: an absent or {@code null} attribute, or one whose type
 * the operator cannot use, never matches — not even for {@link #NOT_IN}. A rule can only select people on
 * data that is present; silently matching "everyone without a country" is how rollouts leak.
 */
public enum Operator {
    /** The attribute equals the single value (numbers compare by canonical form: 18 equals 18.0). */
    EQUALS,
    /** The attribute equals one of the values; a list attribute matches if any element does. */
    IN,
    /** The attribute is present and equals none of the values; for a list attribute, no element does. */
    NOT_IN,
    /** A string attribute contains one of the values; a list attribute has an element equal to one. */
    CONTAINS,
    /** A string attribute starts with one of the values. */
    STARTS_WITH,
    /** A string attribute ends with one of the values. */
    ENDS_WITH,
    /** A string attribute contains a match of the single RE2 regular expression (use ^…$ to anchor). */
    MATCHES,
    /** Numeric attribute (number or numeric string) &lt; value. */
    LT,
    /** Numeric attribute &lt;= value. */
    LTE,
    /** Numeric attribute &gt; value. */
    GT,
    /** Numeric attribute &gt;= value. */
    GTE,
    /** Semantic version equal in precedence (build metadata ignored); a leading "v" is allowed. */
    SEMVER_EQ,
    /** Semantic version lower than value. */
    SEMVER_LT,
    /** Semantic version lower than or equal to value. */
    SEMVER_LTE,
    /** Semantic version greater than value. */
    SEMVER_GT,
    /** Semantic version greater than or equal to value. */
    SEMVER_GTE,
    /** Instant strictly before value (ISO-8601 instant, ISO date = start of day UTC, or epoch number). */
    BEFORE,
    /** Instant strictly after value. */
    AFTER,
    /** The context is a member of one of the segments named by the values. */
    IN_SEGMENT,
    /** The context is a member of none of the segments named by the values. */
    NOT_IN_SEGMENT;

    /** The name used in JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, ignoring case; empty for anything unknown (including {@code null}). */
    public static Optional<Operator> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Operator operator : values()) {
            if (operator.name().equalsIgnoreCase(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}
