package dev.runway.flags.engine;

/** The kinds of problem {@link RulesetValidator} reports. */
public enum ViolationCode {
    /** A required field is missing or blank. */
    REQUIRED,
    /** A key or id is used twice where it must be unique. */
    DUPLICATE_KEY,
    /** A condition's operator is not one of {@link dev.runway.flags.engine.model.Operator}. */
    UNKNOWN_OPERATOR,
    /** A condition has the wrong number of values, or a value the operator cannot use. */
    INVALID_OPERAND,
    /** A variant value does not have the flag's type. */
    TYPE_MISMATCH,
    /** A variant name (default, off, served, weighted or required) is not defined. */
    UNKNOWN_VARIANT,
    /** A split's weights are negative or do not add up to 10 000 basis points. */
    INVALID_WEIGHTS,
    /** A split's slices do not partition the buckets in order, or disagree with its weights. */
    INVALID_SLICES,
    /** A regular expression is not valid RE2 syntax. */
    INVALID_REGEX,
    /** A regular expression is longer than the engine accepts. */
    REGEX_TOO_LONG,
    /** A segment key that no segment has. */
    UNKNOWN_SEGMENT,
    /** A ring key that no ring has. */
    UNKNOWN_RING,
    /** A prerequisite names a flag that does not exist. */
    UNKNOWN_FLAG,
    /** Flags require each other in a cycle. */
    PREREQUISITE_CYCLE,
    /** Segments reference each other in a cycle. */
    SEGMENT_CYCLE,
    /** A prerequisite chain or segment nesting is deeper than the engine evaluates. */
    TOO_DEEP
}
