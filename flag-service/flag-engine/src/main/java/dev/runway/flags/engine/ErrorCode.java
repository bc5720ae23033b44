package dev.runway.flags.engine;

/** Why an evaluation produced no value; the names are the OpenFeature / OFREP error codes. */
public enum ErrorCode {
    /** No flag with that key in the loaded ruleset. */
    FLAG_NOT_FOUND,
    /** A split was reached but the context has no targeting key (or no value for the split's bucketBy). */
    TARGETING_KEY_MISSING,
    /** The caller asked for a different type than the flag's. */
    TYPE_MISMATCH,
    /** The flag's configuration is invalid (see {@link FlagEngine#violations()}), so it cannot be evaluated. */
    PARSE_ERROR,
    /** Anything unexpected; the engine caught it instead of throwing. */
    GENERAL
}
