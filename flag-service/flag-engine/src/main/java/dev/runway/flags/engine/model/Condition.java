package dev.runway.flags.engine.model;

import java.util.List;

/**
 * One test on the evaluation context.
 *
 * <p>The operator is kept as the wire string (see {@link Operator#wireName()}) rather than the enum so that
 * an unknown operator reaches the validator and comes back as a field-level violation instead of failing
 * JSON mapping as a whole.
 *
 * @param attribute the context attribute tested ({@code "targetingKey"} is the targeting key); unused by
 *     segment operators
 * @param operator an {@link Operator} wire name
 * @param values operand(s): strings, numbers or booleans, or segment keys for segment operators
 */
public record Condition(String attribute, String operator, List<Object> values) {
    public Condition {
        values = Copies.list(values);
    }

    /** Convenience for code that builds rulesets: {@code Condition.of("country", Operator.IN, "DE", "FR")}. */
    public static Condition of(String attribute, Operator operator, Object... values) {
        return new Condition(attribute, operator.wireName(), java.util.Arrays.asList(values));
    }
}
