package dev.runway.flags.engine;

import dev.runway.flags.engine.CompiledFlag.CompiledPrerequisite;
import dev.runway.flags.engine.CompiledFlag.CompiledRule;
import dev.runway.flags.engine.Matcher.Comparison;
import dev.runway.flags.engine.Matcher.TextTest;
import dev.runway.flags.engine.model.Condition;
import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.Operator;
import dev.runway.flags.engine.model.Prerequisite;
import dev.runway.flags.engine.model.Ring;
import dev.runway.flags.engine.model.Rule;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.engine.model.Segment;
import dev.runway.flags.engine.model.Serve;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated ruleset into compiled flags. Only flags the validator found sound are compiled for real;
 * the others become {@code PARSE_ERROR} stubs. Because of that, the compiler may assume what the validator
 * checked (operators known, operands parseable, references resolvable, no cycles, bounded depth).
 */
final class Compiler {

    private final Map<String, Flag> flags = new HashMap<>();
    private final Map<String, Segment> segments = new HashMap<>();
    private final List<Ring> rings = new ArrayList<>();
    private final Map<String, String> broken;
    private final Map<String, CompiledFlag> compiledFlags = new HashMap<>();
    private final Map<String, CompiledSegment> compiledSegments = new HashMap<>();

    private Compiler(Ruleset ruleset, Map<String, String> broken) {
        this.broken = broken;
        for (Flag flag : ruleset.flags()) {
            if (flag != null && flag.key() != null) {
                flags.putIfAbsent(flag.key(), flag);
            }
        }
        for (Segment segment : ruleset.segments()) {
            if (segment != null && segment.key() != null) {
                segments.putIfAbsent(segment.key(), segment);
            }
        }
        for (Ring ring : ruleset.rings()) {
            if (ring != null) {
                rings.add(ring);
            }
        }
    }

    /** Compiles every flag with a key, in ruleset order. */
    static Map<String, CompiledFlag> compile(Ruleset ruleset, Map<String, String> broken) {
        Compiler compiler = new Compiler(ruleset, broken);
        Map<String, CompiledFlag> result = new LinkedHashMap<>();
        for (Flag flag : ruleset.flags()) {
            if (flag != null && flag.key() != null) {
                result.putIfAbsent(flag.key(), compiler.flag(flag.key()));
            }
        }
        return result; // FlagEngine keeps it private and never mutates it; no wrapper on the hot path
    }

    /** Compiles a flag and, first, its prerequisites (the validator guarantees they form a shallow DAG). */
    private CompiledFlag flag(String key) {
        CompiledFlag done = compiledFlags.get(key);
        if (done != null) {
            return done;
        }
        Flag flag = flags.get(key);
        CompiledFlag compiled;
        if (broken.containsKey(key)) {
            compiled = CompiledFlag.constant(key, flag.type(), invalid(key, broken.get(key)));
        } else {
            try {
                compiled = compileSound(flag);
            } catch (RuntimeException bug) {
                // Defence in depth for the SDK: a compiler bug costs one flag, not the whole ruleset.
                compiled = CompiledFlag.constant(key, flag.type(), invalid(key, "could not be compiled: " + bug));
            }
        }
        compiledFlags.put(key, compiled);
        return compiled;
    }

    private static Evaluation.Failed invalid(String key, String detail) {
        return new Evaluation.Failed(key, ErrorCode.PARSE_ERROR, "flag '" + key + "' is invalid: " + detail);
    }

    private CompiledFlag compileSound(Flag flag) {
        Results results = new Results(flag);
        if (flag.state() != FlagState.ON) {
            Reason reason = flag.state() == FlagState.KILLED ? Reason.KILLED : Reason.OFF;
            return CompiledFlag.constant(flag.key(), flag.type(), results.of(flag.offVariant(), reason));
        }
        CompiledPrerequisite[] prerequisites =
                new CompiledPrerequisite[flag.prerequisites().size()];
        for (int i = 0; i < prerequisites.length; i++) {
            Prerequisite prerequisite = flag.prerequisites().get(i);
            prerequisites[i] = new CompiledPrerequisite(
                    flag(prerequisite.flag()),
                    Set.copyOf(prerequisite.variants()),
                    results.of(flag.offVariant(), new Reason.PrerequisiteFailed(prerequisite.flag())));
        }
        CompiledRule[] rules = new CompiledRule[flag.rules().size()];
        for (int i = 0; i < rules.length; i++) {
            Rule rule = flag.rules().get(i);
            Matcher[] conditions =
                    switch (rule) {
                        case Rule.Match match -> matchers(match.conditions());
                        case Rule.Rings exposure -> new Matcher[] {ringsUpTo(exposure.upToRing())};
                    };
            rules[i] = new CompiledRule(conditions, serving(flag, results, rule.serve(), i, rule.id()));
        }
        Serving fallthrough = flag.rollout() != null
                ? serving(flag, results, flag.rollout(), -1, null)
                : new Serving.Fixed(
                        results.of(flag.defaultVariant(), rules.length == 0 ? Reason.STATIC : Reason.DEFAULT));
        return CompiledFlag.on(flag.key(), flag.type(), prerequisites, rules, fallthrough);
    }

    private static Serving serving(Flag flag, Results results, Serve serve, int ruleIndex, String ruleId) {
        return switch (serve) {
            case Serve.Variant fixed ->
                new Serving.Fixed(results.of(fixed.variant(), new Reason.TargetingMatch(ruleIndex, ruleId)));
            case Serve.Split split -> {
                Reason reason = new Reason.Split(ruleIndex, ruleId);
                List<Serve.Slice> slices = Splits.layout(split);
                int[] upperBounds = new int[slices.size()];
                Evaluation.Resolved[] served = new Evaluation.Resolved[slices.size()];
                for (int i = 0; i < upperBounds.length; i++) {
                    upperBounds[i] = slices.get(i).to();
                    served[i] = results.of(slices.get(i).variant(), reason);
                }
                String seed = flag.salt() != null ? flag.salt() : flag.key();
                String needed = split.bucketBy() == null ? "a targeting key" : "attribute '" + split.bucketBy() + "'";
                Evaluation.Failed missing = new Evaluation.Failed(
                        flag.key(), ErrorCode.TARGETING_KEY_MISSING, "the split needs " + needed + " to bucket on");
                yield new Serving.Split(
                        canonical(split.bucketBy()), Bucketing.prefix(seed), upperBounds, served, missing);
            }
        };
    }

    // ---- conditions, segments, rings ----------------------------------------------------------------------

    private Matcher[] matchers(List<Condition> conditions) {
        Matcher[] matchers = new Matcher[conditions.size()];
        for (int i = 0; i < matchers.length; i++) {
            matchers[i] = matcher(conditions.get(i));
        }
        return matchers;
    }

    private Matcher matcher(Condition condition) {
        Operator operator = Operator.fromWireName(condition.operator()).orElseThrow();
        String attribute = canonical(condition.attribute());
        List<Object> values = condition.values();
        Object first = values.get(0);
        return switch (operator) {
            case EQUALS -> new Matcher.Equal(attribute, Operands.scalar(first));
            case IN -> new Matcher.InSet(attribute, scalars(values), false);
            case NOT_IN -> new Matcher.InSet(attribute, scalars(values), true);
            case CONTAINS -> new Matcher.Text(attribute, scalarArray(values), TextTest.CONTAINS);
            case STARTS_WITH -> new Matcher.Text(attribute, scalarArray(values), TextTest.STARTS_WITH);
            case ENDS_WITH -> new Matcher.Text(attribute, scalarArray(values), TextTest.ENDS_WITH);
            case MATCHES -> new Matcher.Regex(attribute, Operands.regex(first));
            case LT -> new Matcher.NumberCompare(attribute, Operands.number(first), Comparison.LT);
            case LTE -> new Matcher.NumberCompare(attribute, Operands.number(first), Comparison.LTE);
            case GT -> new Matcher.NumberCompare(attribute, Operands.number(first), Comparison.GT);
            case GTE -> new Matcher.NumberCompare(attribute, Operands.number(first), Comparison.GTE);
            case SEMVER_EQ -> new Matcher.SemverCompare(attribute, Operands.semver(first), Comparison.EQ);
            case SEMVER_LT -> new Matcher.SemverCompare(attribute, Operands.semver(first), Comparison.LT);
            case SEMVER_LTE -> new Matcher.SemverCompare(attribute, Operands.semver(first), Comparison.LTE);
            case SEMVER_GT -> new Matcher.SemverCompare(attribute, Operands.semver(first), Comparison.GT);
            case SEMVER_GTE -> new Matcher.SemverCompare(attribute, Operands.semver(first), Comparison.GTE);
            case BEFORE -> new Matcher.InstantCompare(attribute, Operands.epochMillis(first), Comparison.LT);
            case AFTER -> new Matcher.InstantCompare(attribute, Operands.epochMillis(first), Comparison.GT);
            case IN_SEGMENT -> new Matcher.SegmentMembership(segments(values), false);
            case NOT_IN_SEGMENT -> new Matcher.SegmentMembership(segments(values), true);
        };
    }

    /** The attribute name as {@link EvaluationContext#read} expects it. */
    private static String canonical(String attribute) {
        return EvaluationContext.TARGETING_KEY.equals(attribute) ? EvaluationContext.TARGETING_KEY : attribute;
    }

    private static Set<String> scalars(List<Object> values) {
        Set<String> set = new LinkedHashSet<>();
        for (Object value : values) {
            set.add(Operands.scalar(value));
        }
        return Set.copyOf(set);
    }

    private static String[] scalarArray(List<Object> values) {
        return scalars(values).toArray(String[]::new);
    }

    private CompiledSegment[] segments(List<?> keys) {
        Set<CompiledSegment> compiled = new LinkedHashSet<>();
        for (Object key : keys) {
            compiled.add(segment((String) key));
        }
        return compiled.toArray(CompiledSegment[]::new);
    }

    private CompiledSegment segment(String key) {
        CompiledSegment done = compiledSegments.get(key);
        if (done != null) {
            return done;
        }
        Segment segment = segments.get(key);
        CompiledSegment compiled = new CompiledSegment(
                key, Set.copyOf(segment.included()), Set.copyOf(segment.excluded()), matchers(segment.conditions()));
        compiledSegments.put(key, compiled);
        return compiled;
    }

    /** Members of rings 0..{@code upToRing}: members of any segment of those rings. */
    private Matcher ringsUpTo(String upToRing) {
        List<String> segmentKeys = new ArrayList<>();
        for (Ring ring : rings) {
            segmentKeys.addAll(ring.segments());
            if (ring.key().equals(upToRing)) {
                break;
            }
        }
        return new Matcher.SegmentMembership(segments(segmentKeys), false);
    }
}
