package dev.runway.flags.engine;

import dev.runway.flags.engine.model.FlagType;

/**
 * The result of evaluating one flag for one context: either a resolved variant or an error. Evaluation
 * never throws; errors are values so that the SDK can fall back to the caller's default and the server can
 * answer with an OFREP error body.
 */
public sealed interface Evaluation permits Evaluation.Resolved, Evaluation.Failed {

    /** The evaluated flag's key. */
    String flagKey();

    /** The OFREP reason string ({@code "ERROR"} for failures). */
    String ofrepReason();

    /**
     * A variant was chosen.
     *
     * @param flagKey the flag
     * @param type the flag's type
     * @param value the variant's value (immutable; shared between evaluations)
     * @param variant the variant's name
     * @param reason why this variant
     */
    record Resolved(String flagKey, FlagType type, Object value, String variant, Reason reason) implements Evaluation {
        @Override
        public String ofrepReason() {
            return reason.ofrepName();
        }
    }

    /**
     * No variant could be chosen.
     *
     * @param flagKey the flag
     * @param errorCode the OFREP error code
     * @param errorDetails a human-readable explanation, free of context data
     */
    record Failed(String flagKey, ErrorCode errorCode, String errorDetails) implements Evaluation {
        @Override
        public String ofrepReason() {
            return "ERROR";
        }
    }
}
