package dev.runway.rollouts.strategy;

import dev.runway.common.problem.FieldViolation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a written strategy into a {@link Strategy}, or into every violation it has, each naming its field
 * ({@code strategy.steps[3].percent}). Rules:
 *
 * <ul>
 *   <li>at least one step, at most {@value #MAX_STEPS};
 *   <li>weights within 0..100 and strictly increasing (a strategy only widens exposure; going back is a
 *       rollback, not a step); rings 0..9 and never decreasing;
 *   <li>bake and timed-pause durations positive, an analysis extension not negative;
 *   <li>an analysis needs traffic on the canary: it cannot come before the first audience or weight step.
 * </ul>
 */
public final class StrategyParser {
    static final int MAX_STEPS = 100;
    static final int MAX_RING = 9;

    private StrategyParser() {}

    /** Either a strategy or the violations; never both. */
    public record Parsed(Strategy strategy, List<FieldViolation> violations) {
        public Parsed {
            violations = List.copyOf(violations);
        }

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    public static Parsed parse(String name, List<StepSpec> specs, String field) {
        List<FieldViolation> violations = new ArrayList<>();
        if (specs == null || specs.isEmpty()) {
            return new Parsed(null, List.of(new FieldViolation(field, "must have at least one step")));
        }
        if (specs.size() > MAX_STEPS) {
            return new Parsed(null, List.of(new FieldViolation(field, "must have at most " + MAX_STEPS + " steps")));
        }
        List<Step> steps = new ArrayList<>();
        int lastWeight = -1;
        int lastRing = -1;
        boolean traffic = false;
        for (int i = 0; i < specs.size(); i++) {
            String at = field + "[" + i + "]";
            StepSpec spec = specs.get(i);
            Step step = spec == null ? null : step(spec, at, violations);
            if (step == null) {
                if (spec == null) {
                    violations.add(new FieldViolation(at, "must not be null"));
                }
                continue;
            }
            switch (step) {
                case Step.SetWeight w -> {
                    if (w.percent() <= lastWeight) {
                        violations.add(new FieldViolation(
                                at + ".percent",
                                "weights must increase: " + w.percent() + " % after " + lastWeight + " %"));
                    }
                    lastWeight = Math.max(lastWeight, w.percent());
                    traffic = true;
                }
                case Step.SetAudience a -> {
                    if (a.ring() < lastRing) {
                        violations.add(new FieldViolation(
                                at + ".ring", "rings must not decrease: ring " + a.ring() + " after ring " + lastRing));
                    }
                    lastRing = Math.max(lastRing, a.ring());
                    traffic = true;
                }
                case Step.Analyze ignored -> {
                    if (!traffic) {
                        violations.add(new FieldViolation(
                                at + ".type",
                                "an analysis needs canary traffic: put a setAudience or setWeight step first"));
                    }
                }
                case Step.Bake ignored -> {}
                case Step.Pause ignored -> {}
            }
            steps.add(step);
        }
        return violations.isEmpty() ? new Parsed(new Strategy(name, steps), List.of()) : new Parsed(null, violations);
    }

    private static Step step(StepSpec spec, String at, List<FieldViolation> violations) {
        String type = spec.type() == null ? "" : spec.type();
        return switch (type) {
            case "setAudience" -> {
                Integer ring = spec.ring();
                if (ring == null || ring < 0 || ring > MAX_RING) {
                    violations.add(new FieldViolation(at + ".ring", "must be a ring between 0 and " + MAX_RING));
                    yield null;
                }
                yield new Step.SetAudience(ring);
            }
            case "setWeight" -> {
                Integer percent = spec.percent();
                if (percent == null || percent < 0 || percent > 100) {
                    violations.add(new FieldViolation(at + ".percent", "must be a whole percentage between 0 and 100"));
                    yield null;
                }
                yield new Step.SetWeight(percent);
            }
            case "bake" -> {
                Duration d = duration(spec.duration(), at + ".duration", true, false, violations);
                yield d == null ? null : new Step.Bake(d);
            }
            case "analyze" -> {
                Duration d = spec.extendUpTo() == null
                        ? Duration.ZERO
                        : duration(spec.extendUpTo(), at + ".extendUpTo", false, false, violations);
                yield d == null ? null : new Step.Analyze(d);
            }
            case "pause" -> {
                if (spec.duration() == null) {
                    yield new Step.Pause(null);
                }
                Duration d = duration(spec.duration(), at + ".duration", true, false, violations);
                yield d == null ? null : new Step.Pause(d);
            }
            default -> {
                violations.add(new FieldViolation(
                        at + ".type", "must be one of setAudience, setWeight, bake, analyze, pause"));
                yield null;
            }
        };
    }

    private static Duration duration(
            String text, String field, boolean positive, boolean optional, List<FieldViolation> violations) {
        if (text == null) {
            if (!optional) {
                violations.add(new FieldViolation(field, "is required (ISO-8601, e.g. PT5M)"));
            }
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "must be an ISO-8601 duration such as PT30S or PT5M"));
            return null;
        }
        if (d.isNegative() || (positive && d.isZero())) {
            violations.add(new FieldViolation(field, positive ? "must be positive" : "must not be negative"));
            return null;
        }
        return d;
    }
}
