package dev.runway.flags.engine.model;

/** The value type of a flag; every variant value must be of this type. */
public enum FlagType {
    /** {@link Boolean} values. */
    BOOLEAN,
    /** {@link String} values. */
    STRING,
    /** Any {@link Number} ({@code Integer}, {@code Long}, {@code Double}, {@code BigDecimal} …). */
    NUMBER,
    /** A JSON object ({@link java.util.Map} with string keys) or array ({@link java.util.List}). */
    OBJECT
}
