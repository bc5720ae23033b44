package dev.runway.flags.engine;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Who (or what) a flag is evaluated for: a targeting key plus free-form attributes.
 *
 * <p>Anything goes in the attributes — strings, numbers, booleans, {@link java.time.Instant}s, lists, nested
 * maps, {@code null}s, megabyte strings. Operators that cannot use a value treat it as "no match"; nothing
 * here or in evaluation throws because of what a caller put in a context. The map is wrapped, not copied, so
 * that building a context costs nothing extra on the hot path; callers must not mutate it while evaluating.
 *
 * @param targetingKey the stable id used for bucketing and include/exclude lists; may be {@code null}
 * @param attributes attribute name → value; {@code null} means none
 */
public record EvaluationContext(String targetingKey, Map<String, Object> attributes) {

    /** The attribute name under which conditions can test the targeting key itself. */
    public static final String TARGETING_KEY = "targetingKey";

    /** A context with no targeting key and no attributes. */
    public static final EvaluationContext EMPTY = new EvaluationContext(null, null);

    public EvaluationContext {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(attributes);
    }

    /** A context with only a targeting key. */
    public static EvaluationContext of(String targetingKey) {
        return new EvaluationContext(targetingKey, null);
    }

    /** A copy of this context with one more attribute (or a replaced one); for tests and tools. */
    public EvaluationContext with(String attribute, Object value) {
        Map<String, Object> copy = new HashMap<>(attributes);
        copy.put(attribute, value);
        return new EvaluationContext(targetingKey, copy);
    }

    /**
     * The value of an attribute, {@code null} when absent. The name {@value #TARGETING_KEY} yields the
     * targeting key when there is one (it wins over an attribute of that name, so that include lists, splits
     * and conditions all see the same key), else the attribute.
     */
    public Object attribute(String name) {
        return read(TARGETING_KEY.equals(name) ? TARGETING_KEY : name);
    }

    /**
     * {@link #attribute} for names the compiler has canonicalised (the targeting key's name is the {@link
     * #TARGETING_KEY} instance), so that the hot path tells it apart by identity instead of comparing strings.
     */
    Object read(String canonicalName) {
        if (canonicalName == TARGETING_KEY && targetingKey != null) {
            return targetingKey;
        }
        return attributes.get(canonicalName);
    }
}
