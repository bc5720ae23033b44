package dev.runway.flags.engine;

import dev.runway.flags.engine.model.Flag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a flag's prebuilt {@link Evaluation.Resolved} results. Object values are frozen (deeply
 * unmodifiable) once here, because the same instance is handed to every caller.
 */
final class Results {

    private final Flag flag;
    private final Map<String, Object> frozenValues = new LinkedHashMap<>();

    Results(Flag flag) {
        this.flag = flag;
        flag.variants().forEach((name, value) -> frozenValues.put(name, freeze(value)));
    }

    Evaluation.Resolved of(String variant, Reason reason) {
        return new Evaluation.Resolved(flag.key(), flag.type(), frozenValues.get(variant), variant, reason);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
