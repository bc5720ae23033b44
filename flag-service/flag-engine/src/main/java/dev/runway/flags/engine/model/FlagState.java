package dev.runway.flags.engine.model;

/**
 * A flag's switch in one environment.
 *
 * <p>{@link #OFF} and {@link #KILLED} evaluate the same way (the off variant, reason {@code DISABLED}); they
 * are kept apart because a kill is an emergency action that the server applies to every environment at once
 * and that audit, alerting and the UI must be able to tell from an ordinary "not launched yet".
 */
public enum FlagState {
    ON,
    OFF,
    KILLED
}
