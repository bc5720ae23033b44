package dev.runway.flags.ofrep;

import dev.runway.flags.engine.EvaluationContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an OFREP request body into an evaluation context. A body that is not JSON is a {@code
 * PARSE_ERROR}; a {@code context} that is not an object, or a targeting key that is not a string, is an
 * {@code INVALID_CONTEXT}. A missing body or context is an empty context (flags without splits still
 * evaluate; splits answer {@code TARGETING_KEY_MISSING}).
 */
@Component
class OfrepRequests {
    private final JsonMapper json;

    OfrepRequests(JsonMapper json) {
        this.json = json;
    }

    sealed interface Parsed {
        record Valid(EvaluationContext context) implements Parsed {}

        record Invalid(String errorCode, String errorDetails) implements Parsed {}
    }

    @SuppressWarnings("unchecked")
    Parsed parse(String body) {
        if (body == null || body.isBlank()) {
            return new Parsed.Valid(EvaluationContext.EMPTY);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException unreadable) {
            return new Parsed.Invalid("PARSE_ERROR", "the request body is not JSON");
        }
        if (!root.isObject()) {
            return new Parsed.Invalid("PARSE_ERROR", "the request body must be a JSON object");
        }
        JsonNode context = root.get("context");
        if (context == null || context.isNull()) {
            return new Parsed.Valid(EvaluationContext.EMPTY);
        }
        if (!context.isObject()) {
            return new Parsed.Invalid("INVALID_CONTEXT", "context must be a JSON object");
        }
        JsonNode targetingKey = context.get(EvaluationContext.TARGETING_KEY);
        if (targetingKey != null && !targetingKey.isNull() && !targetingKey.isString()) {
            return new Parsed.Invalid("INVALID_CONTEXT", "context.targetingKey must be a string");
        }
        Map<String, Object> attributes = new LinkedHashMap<>(json.convertValue(context, Map.class));
        attributes.remove(EvaluationContext.TARGETING_KEY);
        String key = targetingKey == null || targetingKey.isNull() ? null : targetingKey.asString();
        return new Parsed.Valid(new EvaluationContext(key, attributes));
    }

    /** A short digest of the request body for the bulk ETag. */
    static String fingerprint(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** If-None-Match may list several tags or be weak-prefixed; any equal one matches. */
    static boolean etagMatches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || tag.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
