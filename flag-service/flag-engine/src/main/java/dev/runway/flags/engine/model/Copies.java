package dev.runway.flags.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the model records.
 *
 * <p>{@link List#copyOf} would throw on a {@code null} element, but a ruleset read from JSON may contain
 * nulls and must reach {@code RulesetValidator} so that the user gets a field-level violation instead of a
 * constructor stack trace. So these copies keep {@code null} elements and only turn a missing collection
 * into an empty one.
 */
final class Copies {
    private Copies() {}

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
