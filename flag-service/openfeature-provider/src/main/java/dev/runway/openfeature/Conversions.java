package dev.runway.openfeature;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.runway.flags.engine.Evaluation;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Between OpenFeature's types and the engine's. */
final class Conversions {
    private Conversions() {}

    static dev.runway.flags.engine.EvaluationContext context(EvaluationContext context) {
        if (context == null) {
            return dev.runway.flags.engine.EvaluationContext.EMPTY;
        }
        Map<String, Object> attributes = new HashMap<>(context.asObjectMap());
        attributes.remove(dev.runway.flags.engine.EvaluationContext.TARGETING_KEY);
        String key = context.getTargetingKey();
        return new dev.runway.flags.engine.EvaluationContext(key == null || key.isEmpty() ? null : key, attributes);
    }

    /** A resolved value converted to the caller's type, or the caller's default with the engine's error. */
    static <T> ProviderEvaluation<T> result(Evaluation evaluation, T defaultValue, Function<Object, T> convert) {
        return switch (evaluation) {
            case Evaluation.Resolved resolved ->
                ProviderEvaluation.<T>builder()
                        .value(convert.apply(resolved.value()))
                        .variant(resolved.variant())
                        .reason(resolved.ofrepReason())
                        .build();
            case Evaluation.Failed failed -> error(defaultValue, errorCode(failed.errorCode()), failed.errorDetails());
        };
    }

    static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
        return ProviderEvaluation.<T>builder()
                .value(defaultValue)
                .reason("ERROR")
                .errorCode(code)
                .errorMessage(message)
                .build();
    }

    static ErrorCode errorCode(dev.runway.flags.engine.ErrorCode code) {
        return switch (code) {
            case FLAG_NOT_FOUND -> ErrorCode.FLAG_NOT_FOUND;
            case TARGETING_KEY_MISSING -> ErrorCode.TARGETING_KEY_MISSING;
            case TYPE_MISMATCH -> ErrorCode.TYPE_MISMATCH;
            case PARSE_ERROR -> ErrorCode.PARSE_ERROR;
            case GENERAL -> ErrorCode.GENERAL;
        };
    }
}
