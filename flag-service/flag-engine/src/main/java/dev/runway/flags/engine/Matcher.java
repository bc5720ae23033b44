package dev.runway.flags.engine;

import com.google.re2j.Pattern;
import java.util.Collection;
import java.util.Set;
import org.semver4j.Semver;

/**
 * A compiled condition: operands parsed, regexes compiled, segment references resolved, all at load time,
 * so that a test only reads the context. The set of kinds is closed (sealed) and built by an exhaustive
 * switch over {@link dev.runway.flags.engine.model.Operator} in the compiler; the hot path calls {@link
 * #test} directly rather than switching on the kind, because a type switch would re-check the kind on every
 * evaluation that the compiler already resolved once.
 *
 * <p>Every test returns {@code false} on absent, {@code null} or unusable context values and never throws.
 */
sealed interface Matcher {

    boolean test(EvaluationContext context);

    /** {@code EQUALS}, {@code IN} and {@code NOT_IN}: canonical scalar in a set; lists match element-wise. */
    record InSet(String attribute, Set<String> values, boolean negated) implements Matcher {
        @Override
        public boolean test(EvaluationContext context) {
            Object value = context.read(attribute);
            if (value
                    instanceof String string) { // the common case, checked first: String is final, so it is one compare
                return values.contains(string) != negated;
            }
            if (value instanceof Collection<?> elements) {
                return anyElementIn(elements) != negated;
            }
            String scalar = Operands.scalar(value);
            return scalar != null && values.contains(scalar) != negated;
        }

        private boolean anyElementIn(Collection<?> elements) {
            for (Object element : elements) {
                String scalar = Operands.scalar(element);
                if (scalar != null && values.contains(scalar)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code EQUALS} with one value: the common case, without hashing the context value. */
    record Equal(String attribute, String value) implements Matcher {
        @Override
        public boolean test(EvaluationContext context) {
            return value.equals(Operands.scalar(context.read(attribute)));
        }
    }

    /** {@code CONTAINS}, {@code STARTS_WITH}, {@code ENDS_WITH} against any of several operands. */
    record Text(String attribute, String[] operands, TextTest kind) implements Matcher {
        @Override
        public boolean test(EvaluationContext context) {
            Object value = context.read(attribute);
            if (value instanceof String string) {
                return anyOperandFits(string);
            }
            if (kind == TextTest.CONTAINS && value instanceof Collection<?> elements) {
                for (Object element : elements) {
                    String scalar = Operands.scalar(element);
                    if (scalar != null && equalsAny(scalar)) {
                        return true;
                    }
                }
                return false;
            }
            String scalar = Operands.scalar(value);
            return scalar != null && anyOperandFits(scalar);
        }

        private boolean anyOperandFits(String value) {
            for (String operand : operands) {
                if (kind.test(value, operand)) {
                    return true;
                }
            }
            return false;
        }

        private boolean equalsAny(String scalar) {
            for (String operand : operands) {
                if (operand.equals(scalar)) {
                    return true;
                }
            }
            return false;
        }
    }

    enum TextTest {
        CONTAINS,
        STARTS_WITH,
        ENDS_WITH;

        boolean test(String value, String operand) {
            return switch (this) {
                case CONTAINS -> value.contains(operand);
                case STARTS_WITH -> value.startsWith(operand);
                case ENDS_WITH -> value.endsWith(operand);
            };
        }
    }

    /** {@code MATCHES}: RE2 (linear time), unanchored find, on strings up to {@link Operands#MAX_REGEX_INPUT}. */
    record Regex(String attribute, Pattern pattern) implements Matcher {
        @Override
        public boolean test(EvaluationContext context) {
            String scalar = Operands.scalar(context.read(attribute));
            return scalar != null
                    && scalar.length() <= Operands.MAX_REGEX_INPUT
                    && pattern.matcher(scalar).find();
        }
    }

    /** {@code LT}, {@code LTE}, {@code GT}, {@code GTE}. */
    record NumberCompare(String attribute, double operand, Comparison comparison) implements Matcher {
        @Override
        public boolean test(EvaluationContext context) {
            double value = Operands.number(context.read(attribute));
            return !Double.isNaN(value) && comparison.holds(Double.compare(value, operand));
        }
    }

    /** The {@code SEMVER_*} operators, by SemVer 2.0.0 precedence. */
    record SemverCompare(String attribute, Semver operand, Comparison comparison) implements Matcher {
        @Override
        public boolean test(EvaluationContext context) {
            Semver value = Operands.semver(context.read(attribute));
            return value != null && comparison.holds(value.compareTo(operand));
        }
    }

    /** {@code BEFORE} ({@code LT}) and {@code AFTER} ({@code GT}) on epoch milliseconds. */
    record InstantCompare(String attribute, long operandMillis, Comparison comparison) implements Matcher {
        @Override
        public boolean test(EvaluationContext context) {
            long value = Operands.epochMillis(context.read(attribute));
            return value != Operands.NO_INSTANT && comparison.holds(Long.compare(value, operandMillis));
        }
    }

    /** {@code IN_SEGMENT}, {@code NOT_IN_SEGMENT}; also ring membership (any of the rings' segments). */
    record SegmentMembership(CompiledSegment[] segments, boolean negated) implements Matcher {
        @Override
        public boolean test(EvaluationContext context) {
            for (CompiledSegment segment : segments) {
                if (segment.contains(context)) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    enum Comparison {
        EQ,
        LT,
        LTE,
        GT,
        GTE;

        /** Whether a {@code compareTo}-style result satisfies this comparison. */
        boolean holds(int compared) {
            return switch (this) {
                case EQ -> compared == 0;
                case LT -> compared < 0;
                case LTE -> compared <= 0;
                case GT -> compared > 0;
                case GTE -> compared >= 0;
            };
        }
    }
}
