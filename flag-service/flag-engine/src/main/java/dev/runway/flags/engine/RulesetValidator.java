package dev.runway.flags.engine;

import dev.runway.flags.engine.model.Condition;
import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Operator;
import dev.runway.flags.engine.model.Prerequisite;
import dev.runway.flags.engine.model.Ring;
import dev.runway.flags.engine.model.Rule;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.engine.model.Segment;
import dev.runway.flags.engine.model.Serve;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a ruleset before it is stored or loaded and reports every problem with the JSON path of the field
 * at fault. The server answers a write with 400 problem+json built from these; {@link FlagEngine#load} uses
 * the same analysis to know which flags it cannot compile.
 */
public final class RulesetValidator {

    /** Longest prerequisite chain and deepest segment nesting evaluated; deeper ones are {@code TOO_DEEP}. */
    public static final int MAX_DEPTH = 32;

    private RulesetValidator() {}

    /**
     * All problems of a ruleset, in document order; empty when it is valid.
     *
     * @param ruleset the ruleset to check; {@code null} is reported as a problem, not thrown
     * @return the violations
     */
    public static List<Violation> validate(Ruleset ruleset) {
        return analyze(ruleset).violations();
    }

    /**
     * The violations plus, for the engine, which flags cannot be compiled and why: their own problems, a
     * prerequisite cycle, or a dependency on an invalid segment or ring.
     */
    record Analysis(List<Violation> violations, Map<String, String> brokenFlags) {}

    static Analysis analyze(Ruleset ruleset) {
        if (ruleset == null) {
            return new Analysis(List.of(new Violation("", ViolationCode.REQUIRED, "a ruleset is required")), Map.of());
        }
        return new Run(ruleset).analyze();
    }

    /** One validation pass; collects violations and, per entity, the first problem. */
    private static final class Run {
        private final Ruleset ruleset;
        private final List<Violation> violations = new ArrayList<>();
        private final Map<String, Segment> segments = new HashMap<>();
        private final Map<String, Ring> rings = new HashMap<>();
        private final List<String> ringOrder = new ArrayList<>();
        private final Map<String, Flag> flags = new HashMap<>();
        private final Map<String, String> segmentProblems = new LinkedHashMap<>();
        private final Map<String, String> ringProblems = new LinkedHashMap<>();
        private final Map<String, String> flagProblems = new LinkedHashMap<>();
        private final Map<String, Set<String>> segmentsUsedBySegment = new HashMap<>();
        private final Map<String, Set<String>> segmentsUsedByFlag = new HashMap<>();
        private final Map<String, Set<String>> ringsUsedByFlag = new HashMap<>();
        private final Map<String, Set<String>> prerequisitesOfFlag = new HashMap<>();

        Run(Ruleset ruleset) {
            this.ruleset = ruleset;
        }

        Analysis analyze() {
            indexKeys();
            for (int i = 0; i < ruleset.segments().size(); i++) {
                checkSegment(ruleset.segments().get(i), "segments[" + i + "]");
            }
            for (int i = 0; i < ruleset.rings().size(); i++) {
                checkRing(ruleset.rings().get(i), "rings[" + i + "]");
            }
            for (int i = 0; i < ruleset.flags().size(); i++) {
                checkFlag(ruleset.flags().get(i), "flags[" + i + "]");
            }
            checkGraph(segmentsUsedBySegment, segmentProblems, "segments", ViolationCode.SEGMENT_CYCLE, "segment");
            checkGraph(prerequisitesOfFlag, flagProblems, "flags", ViolationCode.PREREQUISITE_CYCLE, "flag");
            return new Analysis(List.copyOf(violations), brokenFlags());
        }

        // ---- keys -------------------------------------------------------------------------------------

        private void indexKeys() {
            List<Segment> segmentList = ruleset.segments();
            for (int i = 0; i < segmentList.size(); i++) {
                Segment segment = segmentList.get(i);
                String path = "segments[" + i + "]";
                if (segment == null) {
                    report(null, null, path, ViolationCode.REQUIRED, "segment must not be null");
                } else if (isBlank(segment.key())) {
                    report(null, null, path + ".key", ViolationCode.REQUIRED, "segment key is required");
                } else if (segments.putIfAbsent(segment.key(), segment) != null) {
                    report(
                            segmentProblems,
                            segment.key(),
                            path + ".key",
                            ViolationCode.DUPLICATE_KEY,
                            "segment key '" + segment.key() + "' is used twice");
                }
            }
            List<Ring> ringList = ruleset.rings();
            for (int i = 0; i < ringList.size(); i++) {
                Ring ring = ringList.get(i);
                String path = "rings[" + i + "]";
                if (ring == null) {
                    report(null, null, path, ViolationCode.REQUIRED, "ring must not be null");
                } else if (isBlank(ring.key())) {
                    report(null, null, path + ".key", ViolationCode.REQUIRED, "ring key is required");
                } else if (rings.putIfAbsent(ring.key(), ring) != null) {
                    report(
                            ringProblems,
                            ring.key(),
                            path + ".key",
                            ViolationCode.DUPLICATE_KEY,
                            "ring key '" + ring.key() + "' is used twice");
                } else {
                    ringOrder.add(ring.key());
                }
            }
            List<Flag> flagList = ruleset.flags();
            for (int i = 0; i < flagList.size(); i++) {
                Flag flag = flagList.get(i);
                String path = "flags[" + i + "]";
                if (flag == null) {
                    report(null, null, path, ViolationCode.REQUIRED, "flag must not be null");
                } else if (isBlank(flag.key())) {
                    report(null, null, path + ".key", ViolationCode.REQUIRED, "flag key is required");
                } else if (flags.putIfAbsent(flag.key(), flag) != null) {
                    report(
                            flagProblems,
                            flag.key(),
                            path + ".key",
                            ViolationCode.DUPLICATE_KEY,
                            "flag key '" + flag.key() + "' is used twice");
                }
            }
        }

        // ---- segments and rings -------------------------------------------------------------------------

        private void checkSegment(Segment segment, String path) {
            if (segment == null || isBlank(segment.key())) {
                return;
            }
            Set<String> used = segmentsUsedBySegment.computeIfAbsent(segment.key(), k -> new LinkedHashSet<>());
            checkConditions(segment.conditions(), path + ".conditions", segmentProblems, segment.key(), used);
            checkKeyList(segment.included(), path + ".included", segmentProblems, segment.key());
            checkKeyList(segment.excluded(), path + ".excluded", segmentProblems, segment.key());
        }

        private void checkKeyList(List<String> keys, String path, Map<String, String> problems, String owner) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) == null) {
                    report(problems, owner, path + "[" + i + "]", ViolationCode.REQUIRED, "key must not be null");
                }
            }
        }

        private void checkRing(Ring ring, String path) {
            if (ring == null || isBlank(ring.key())) {
                return;
            }
            if (ring.segments().isEmpty()) {
                report(
                        ringProblems,
                        ring.key(),
                        path + ".segments",
                        ViolationCode.REQUIRED,
                        "a ring needs at least one segment");
            }
            for (int i = 0; i < ring.segments().size(); i++) {
                String segment = ring.segments().get(i);
                if (!segments.containsKey(segment)) {
                    report(
                            ringProblems,
                            ring.key(),
                            path + ".segments[" + i + "]",
                            ViolationCode.UNKNOWN_SEGMENT,
                            "unknown segment '" + segment + "'");
                }
            }
        }

        // ---- flags --------------------------------------------------------------------------------------

        private void checkFlag(Flag flag, String path) {
            if (flag == null || isBlank(flag.key())) {
                return;
            }
            String key = flag.key();
            if (flag.type() == null) {
                report(flagProblems, key, path + ".type", ViolationCode.REQUIRED, "flag type is required");
            }
            if (flag.state() == null) {
                report(flagProblems, key, path + ".state", ViolationCode.REQUIRED, "flag state is required");
            }
            if (flag.salt() != null && flag.salt().isBlank()) {
                report(flagProblems, key, path + ".salt", ViolationCode.REQUIRED, "salt must be non-blank or absent");
            }
            checkVariants(flag, path);
            checkVariantName(flag, flag.defaultVariant(), path + ".defaultVariant", "default variant");
            checkVariantName(flag, flag.offVariant(), path + ".offVariant", "off variant");
            checkPrerequisites(flag, path + ".prerequisites");
            checkRules(flag, path + ".rules");
            if (flag.rollout() != null) {
                checkServe(flag, flag.rollout(), path + ".rollout");
            }
        }

        private void checkVariants(Flag flag, String path) {
            if (flag.variants().isEmpty()) {
                report(
                        flagProblems,
                        flag.key(),
                        path + ".variants",
                        ViolationCode.REQUIRED,
                        "a flag needs at least one variant");
            }
            for (Map.Entry<String, Object> variant : flag.variants().entrySet()) {
                String variantPath = path + ".variants." + variant.getKey();
                if (isBlank(variant.getKey())) {
                    report(
                            flagProblems,
                            flag.key(),
                            path + ".variants",
                            ViolationCode.REQUIRED,
                            "variant names must not be blank");
                } else if (flag.type() != null && !hasType(variant.getValue(), flag.type())) {
                    report(
                            flagProblems,
                            flag.key(),
                            variantPath,
                            ViolationCode.TYPE_MISMATCH,
                            "variant '" + variant.getKey() + "' is " + describe(variant.getValue()) + ", not "
                                    + flag.type());
                }
            }
        }

        private void checkVariantName(Flag flag, String variant, String path, String what) {
            if (isBlank(variant)) {
                report(flagProblems, flag.key(), path, ViolationCode.REQUIRED, what + " is required");
            } else if (!flag.variants().containsKey(variant)) {
                report(
                        flagProblems,
                        flag.key(),
                        path,
                        ViolationCode.UNKNOWN_VARIANT,
                        what + " '" + variant + "' is not one of the flag's variants");
            }
        }

        private void checkPrerequisites(Flag flag, String path) {
            Set<String> required = prerequisitesOfFlag.computeIfAbsent(flag.key(), k -> new LinkedHashSet<>());
            for (int i = 0; i < flag.prerequisites().size(); i++) {
                Prerequisite prerequisite = flag.prerequisites().get(i);
                String itemPath = path + "[" + i + "]";
                if (prerequisite == null || isBlank(prerequisite.flag())) {
                    report(
                            flagProblems,
                            flag.key(),
                            itemPath + ".flag",
                            ViolationCode.REQUIRED,
                            "prerequisite flag is required");
                    continue;
                }
                Flag target = flags.get(prerequisite.flag());
                if (prerequisite.flag().equals(flag.key())) {
                    report(
                            flagProblems,
                            flag.key(),
                            itemPath + ".flag",
                            ViolationCode.PREREQUISITE_CYCLE,
                            "flag '" + flag.key() + "' cannot require itself");
                } else if (target == null) {
                    report(
                            flagProblems,
                            flag.key(),
                            itemPath + ".flag",
                            ViolationCode.UNKNOWN_FLAG,
                            "unknown flag '" + prerequisite.flag() + "'");
                } else {
                    required.add(prerequisite.flag());
                }
                if (prerequisite.variants().isEmpty()) {
                    report(
                            flagProblems,
                            flag.key(),
                            itemPath + ".variants",
                            ViolationCode.REQUIRED,
                            "name at least one variant of '" + prerequisite.flag() + "'");
                }
                for (int v = 0; v < prerequisite.variants().size(); v++) {
                    String variant = prerequisite.variants().get(v);
                    if (target != null && !target.variants().containsKey(variant)) {
                        report(
                                flagProblems,
                                flag.key(),
                                itemPath + ".variants[" + v + "]",
                                ViolationCode.UNKNOWN_VARIANT,
                                "'" + variant + "' is not a variant of flag '" + prerequisite.flag() + "'");
                    }
                }
            }
        }

        private void checkRules(Flag flag, String path) {
            Set<String> ids = new HashSet<>();
            Set<String> usedSegments = segmentsUsedByFlag.computeIfAbsent(flag.key(), k -> new LinkedHashSet<>());
            Set<String> usedRings = ringsUsedByFlag.computeIfAbsent(flag.key(), k -> new LinkedHashSet<>());
            for (int i = 0; i < flag.rules().size(); i++) {
                Rule rule = flag.rules().get(i);
                String rulePath = path + "[" + i + "]";
                if (rule == null) {
                    report(flagProblems, flag.key(), rulePath, ViolationCode.REQUIRED, "rule must not be null");
                    continue;
                }
                if (isBlank(rule.id())) {
                    report(flagProblems, flag.key(), rulePath + ".id", ViolationCode.REQUIRED, "rule id is required");
                } else if (!ids.add(rule.id())) {
                    report(
                            flagProblems,
                            flag.key(),
                            rulePath + ".id",
                            ViolationCode.DUPLICATE_KEY,
                            "rule id '" + rule.id() + "' is used twice in this flag");
                }
                switch (rule) {
                    case Rule.Match match ->
                        checkConditions(
                                match.conditions(), rulePath + ".conditions", flagProblems, flag.key(), usedSegments);
                    case Rule.Rings exposure -> checkRingExposure(flag, exposure, rulePath, usedRings);
                }
                checkServe(flag, rule.serve(), rulePath + ".serve");
            }
        }

        private void checkRingExposure(Flag flag, Rule.Rings exposure, String path, Set<String> usedRings) {
            int upTo = ringOrder.indexOf(exposure.upToRing());
            if (isBlank(exposure.upToRing())) {
                report(flagProblems, flag.key(), path + ".upToRing", ViolationCode.REQUIRED, "upToRing is required");
            } else if (upTo < 0) {
                report(
                        flagProblems,
                        flag.key(),
                        path + ".upToRing",
                        ViolationCode.UNKNOWN_RING,
                        "unknown ring '" + exposure.upToRing() + "'");
            } else {
                usedRings.addAll(ringOrder.subList(0, upTo + 1));
            }
        }

        private void checkServe(Flag flag, Serve serve, String path) {
            switch (serve) {
                case null -> report(flagProblems, flag.key(), path, ViolationCode.REQUIRED, "serve is required");
                case Serve.Variant fixed -> checkVariantName(flag, fixed.variant(), path + ".variant", "variant");
                case Serve.Split split -> checkSplit(flag, split, path);
            }
        }

        private void checkSplit(Flag flag, Serve.Split split, String path) {
            if (split.bucketBy() != null && split.bucketBy().isBlank()) {
                report(
                        flagProblems,
                        flag.key(),
                        path + ".bucketBy",
                        ViolationCode.REQUIRED,
                        "bucketBy must be an attribute name or absent");
            }
            if (split.weights().isEmpty()) {
                report(
                        flagProblems,
                        flag.key(),
                        path + ".weights",
                        ViolationCode.REQUIRED,
                        "a split needs at least one weight");
                return;
            }
            long total = 0;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < split.weights().size(); i++) {
                Serve.Weight weight = split.weights().get(i);
                String weightPath = path + ".weights[" + i + "]";
                if (weight == null) {
                    report(flagProblems, flag.key(), weightPath, ViolationCode.REQUIRED, "weight must not be null");
                    continue;
                }
                checkVariantName(flag, weight.variant(), weightPath + ".variant", "variant");
                if (weight.variant() != null && !seen.add(weight.variant())) {
                    report(
                            flagProblems,
                            flag.key(),
                            weightPath + ".variant",
                            ViolationCode.DUPLICATE_KEY,
                            "variant '" + weight.variant() + "' is weighted twice");
                }
                if (weight.basisPoints() < 0) {
                    report(
                            flagProblems,
                            flag.key(),
                            weightPath + ".basisPoints",
                            ViolationCode.INVALID_WEIGHTS,
                            "a weight cannot be negative");
                }
                total += weight.basisPoints();
            }
            if (total != Bucketing.BUCKETS) {
                report(
                        flagProblems,
                        flag.key(),
                        path + ".weights",
                        ViolationCode.INVALID_WEIGHTS,
                        "weights add up to " + total + " basis points, not " + Bucketing.BUCKETS);
                return;
            }
            checkSlices(flag, split, path);
        }

        /** Slices must partition [0, 10000) in order and give each variant exactly its weight. */
        private void checkSlices(Flag flag, Serve.Split split, String path) {
            if (split.slices().isEmpty()) {
                return;
            }
            Map<String, Integer> owned = new HashMap<>();
            int expectedFrom = 0;
            for (int i = 0; i < split.slices().size(); i++) {
                Serve.Slice slice = split.slices().get(i);
                String slicePath = path + ".slices[" + i + "]";
                if (slice == null || slice.from() != expectedFrom || slice.to() <= slice.from()) {
                    report(
                            flagProblems,
                            flag.key(),
                            slicePath,
                            ViolationCode.INVALID_SLICES,
                            "slices must cover [0, " + Bucketing.BUCKETS + ") in order without gaps; expected one from "
                                    + expectedFrom);
                    return;
                }
                if (split.weights().stream()
                        .noneMatch(w -> w != null && Objects.equals(w.variant(), slice.variant()))) {
                    report(
                            flagProblems,
                            flag.key(),
                            slicePath + ".variant",
                            ViolationCode.INVALID_SLICES,
                            "slice variant '" + slice.variant() + "' has no weight in this split");
                    return;
                }
                owned.merge(slice.variant(), slice.to() - slice.from(), Integer::sum);
                expectedFrom = slice.to();
            }
            if (expectedFrom != Bucketing.BUCKETS) {
                report(
                        flagProblems,
                        flag.key(),
                        path + ".slices",
                        ViolationCode.INVALID_SLICES,
                        "slices end at " + expectedFrom + ", not " + Bucketing.BUCKETS);
                return;
            }
            for (Serve.Weight weight : split.weights()) {
                if (weight != null && owned.getOrDefault(weight.variant(), 0) != weight.basisPoints()) {
                    report(
                            flagProblems,
                            flag.key(),
                            path + ".slices",
                            ViolationCode.INVALID_SLICES,
                            "slices give '" + weight.variant() + "' " + owned.getOrDefault(weight.variant(), 0)
                                    + " buckets but its weight is " + weight.basisPoints());
                }
            }
        }

        // ---- conditions ---------------------------------------------------------------------------------

        private void checkConditions(
                List<Condition> conditions,
                String path,
                Map<String, String> problems,
                String owner,
                Set<String> usedSegments) {
            for (int i = 0; i < conditions.size(); i++) {
                Condition condition = conditions.get(i);
                String conditionPath = path + "[" + i + "]";
                if (condition == null) {
                    report(problems, owner, conditionPath, ViolationCode.REQUIRED, "condition must not be null");
                    continue;
                }
                Operator operator = Operator.fromWireName(condition.operator()).orElse(null);
                if (operator == null) {
                    report(
                            problems,
                            owner,
                            conditionPath + ".operator",
                            ViolationCode.UNKNOWN_OPERATOR,
                            "unknown operator '" + condition.operator() + "'");
                    continue;
                }
                checkOperands(operator, condition, conditionPath, problems, owner, usedSegments);
            }
        }

        private void checkOperands(
                Operator operator,
                Condition condition,
                String path,
                Map<String, String> problems,
                String owner,
                Set<String> usedSegments) {
            boolean segmentOperator = operator == Operator.IN_SEGMENT || operator == Operator.NOT_IN_SEGMENT;
            if (!segmentOperator && isBlank(condition.attribute())) {
                report(
                        problems,
                        owner,
                        path + ".attribute",
                        ViolationCode.REQUIRED,
                        "operator " + operator.wireName() + " needs an attribute");
            }
            List<Object> values = condition.values();
            boolean single =
                    switch (operator) {
                        case IN, NOT_IN, CONTAINS, STARTS_WITH, ENDS_WITH, IN_SEGMENT, NOT_IN_SEGMENT -> false;
                        default -> true;
                    };
            if (values.isEmpty() || (single && values.size() != 1)) {
                report(
                        problems,
                        owner,
                        path + ".values",
                        ViolationCode.INVALID_OPERAND,
                        "operator " + operator.wireName() + " takes "
                                + (single ? "exactly one value" : "one or more values") + ", got " + values.size());
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                String valuePath = path + ".values[" + i + "]";
                Object value = values.get(i);
                String problem = operandProblem(operator, value);
                if (problem == null) {
                    if (segmentOperator) {
                        usedSegments.add((String) value);
                    }
                    continue;
                }
                ViolationCode code =
                        switch (operator) {
                            case MATCHES ->
                                value instanceof String s && s.length() > Operands.MAX_REGEX_LENGTH
                                        ? ViolationCode.REGEX_TOO_LONG
                                        : ViolationCode.INVALID_REGEX;
                            case IN_SEGMENT, NOT_IN_SEGMENT -> ViolationCode.UNKNOWN_SEGMENT;
                            default -> ViolationCode.INVALID_OPERAND;
                        };
                report(problems, owner, valuePath, code, problem);
            }
        }

        /** Why {@code value} cannot be an operand of {@code operator}, or {@code null} if it can. */
        private String operandProblem(Operator operator, Object value) {
            return switch (operator) {
                case EQUALS, IN, NOT_IN, CONTAINS, STARTS_WITH, ENDS_WITH ->
                    Operands.scalar(value) == null ? describe(value) + " is not a string, number or boolean" : null;
                case MATCHES -> {
                    if (value instanceof String s && s.length() > Operands.MAX_REGEX_LENGTH) {
                        yield "regex is " + s.length() + " characters long; at most " + Operands.MAX_REGEX_LENGTH;
                    }
                    yield Operands.regex(value) == null ? "not a valid RE2 regular expression" : null;
                }
                case LT, LTE, GT, GTE ->
                    Double.isFinite(Operands.number(value)) ? null : describe(value) + " is not a number";
                case SEMVER_EQ, SEMVER_LT, SEMVER_LTE, SEMVER_GT, SEMVER_GTE ->
                    Operands.semver(value) == null ? describe(value) + " is not a semantic version" : null;
                case BEFORE, AFTER ->
                    Operands.epochMillis(value) == Operands.NO_INSTANT
                            ? describe(value) + " is not an ISO-8601 instant, date or epoch number"
                            : null;
                case IN_SEGMENT, NOT_IN_SEGMENT ->
                    value instanceof String key && segments.containsKey(key)
                            ? null
                            : "unknown segment " + describe(value);
            };
        }

        // ---- graphs: cycles and depth ---------------------------------------------------------------------

        /**
         * Reports cycles and chains deeper than {@link #MAX_DEPTH} in a dependency graph (segment → segments
         * it references, flag → its prerequisites). Depths come from a topological pass (Kahn's algorithm:
         * iterative, linear, no recursion a pathological ruleset could overflow); whatever that pass cannot
         * order lies on a cycle or depends on one, and a node is on a cycle iff it can reach itself.
         */
        private void checkGraph(
                Map<String, Set<String>> edges,
                Map<String, String> problems,
                String collection,
                ViolationCode cycleCode,
                String noun) {
            Map<String, Integer> pending = new HashMap<>();
            Map<String, List<String>> dependents = new HashMap<>();
            for (Map.Entry<String, Set<String>> node : edges.entrySet()) {
                pending.put(node.getKey(), node.getValue().size());
                for (String next : node.getValue()) {
                    dependents.computeIfAbsent(next, k -> new ArrayList<>()).add(node.getKey());
                }
            }
            Map<String, Integer> depth = new HashMap<>();
            ArrayDeque<String> ready = new ArrayDeque<>();
            pending.forEach((node, count) -> {
                if (count == 0) {
                    ready.add(node);
                }
            });
            while (!ready.isEmpty()) {
                String node = ready.poll();
                int longest = 0;
                for (String next : edges.get(node)) {
                    longest = Math.max(longest, depth.get(next) + 1);
                }
                depth.put(node, longest);
                if (longest > MAX_DEPTH) {
                    report(
                            problems,
                            node,
                            pathOf(collection, node),
                            ViolationCode.TOO_DEEP,
                            noun + " '" + node + "' sits on a dependency chain longer than " + MAX_DEPTH);
                }
                for (String dependent : dependents.getOrDefault(node, List.of())) {
                    if (pending.merge(dependent, -1, Integer::sum) == 0) {
                        ready.add(dependent);
                    }
                }
            }
            for (String node : edges.keySet()) {
                if (!depth.containsKey(node)) {
                    List<String> cycle = cycleThrough(node, edges, depth.keySet());
                    if (cycle != null) {
                        report(
                                problems,
                                node,
                                pathOf(collection, node),
                                cycleCode,
                                noun + " cycle: " + String.join(" -> ", cycle));
                    }
                }
            }
        }

        /** The shortest path from {@code start} back to itself avoiding {@code ordered}, or {@code null}. */
        private static List<String> cycleThrough(String start, Map<String, Set<String>> edges, Set<String> ordered) {
            Map<String, String> parent = new HashMap<>();
            ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                String node = queue.poll();
                for (String next : edges.getOrDefault(node, Set.of())) {
                    if (next.equals(start)) {
                        List<String> path = new ArrayList<>(List.of(start));
                        for (String at = node; !at.equals(start); at = parent.get(at)) {
                            path.add(1, at);
                        }
                        path.add(start);
                        return path;
                    }
                    if (!ordered.contains(next) && !parent.containsKey(next)) {
                        parent.put(next, node);
                        queue.add(next);
                    }
                }
            }
            return null;
        }

        /** The path of the (first) entity with this key in a collection. */
        private String pathOf(String collection, String key) {
            List<?> items = collection.equals("flags") ? ruleset.flags() : ruleset.segments();
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                String itemKey = item instanceof Flag f ? f.key() : item instanceof Segment s ? s.key() : null;
                if (key.equals(itemKey)) {
                    return collection + "[" + i + "]" + (collection.equals("flags") ? ".prerequisites" : ".conditions");
                }
            }
            return collection;
        }

        // ---- what the engine cannot compile ----------------------------------------------------------------

        private Map<String, String> brokenFlags() {
            Map<String, String> brokenSegments = new HashMap<>(segmentProblems);
            boolean changed = true;
            while (changed) { // propagate through nested segments until nothing changes
                changed = false;
                for (Map.Entry<String, Set<String>> uses : segmentsUsedBySegment.entrySet()) {
                    if (brokenSegments.containsKey(uses.getKey())) {
                        continue;
                    }
                    for (String used : uses.getValue()) {
                        if (brokenSegments.containsKey(used)) {
                            brokenSegments.put(uses.getKey(), "depends on invalid segment '" + used + "'");
                            changed = true;
                            break;
                        }
                    }
                }
            }
            Map<String, String> brokenRings = new HashMap<>(ringProblems);
            for (Ring ring : rings.values()) {
                for (String segment : ring.segments()) {
                    if (brokenSegments.containsKey(segment)) {
                        brokenRings.putIfAbsent(ring.key(), "depends on invalid segment '" + segment + "'");
                    }
                }
            }
            Map<String, String> broken = new LinkedHashMap<>(flagProblems);
            for (String flag : flags.keySet()) {
                for (String segment : segmentsUsedByFlag.getOrDefault(flag, Set.of())) {
                    if (brokenSegments.containsKey(segment)) {
                        broken.putIfAbsent(
                                flag, "depends on invalid segment '" + segment + "': " + brokenSegments.get(segment));
                    }
                }
                for (String ring : ringsUsedByFlag.getOrDefault(flag, Set.of())) {
                    if (brokenRings.containsKey(ring)) {
                        broken.putIfAbsent(flag, "depends on invalid ring '" + ring + "': " + brokenRings.get(ring));
                    }
                }
            }
            return Map.copyOf(broken);
        }

        // ---- helpers -------------------------------------------------------------------------------------

        private void report(
                Map<String, String> problems, String owner, String path, ViolationCode code, String message) {
            violations.add(new Violation(path, code, message));
            if (problems != null && owner != null) {
                problems.putIfAbsent(owner, path + ": " + message);
            }
        }

        private static boolean hasType(Object value, FlagType type) {
            return switch (type) {
                case BOOLEAN -> value instanceof Boolean;
                case STRING -> value instanceof String;
                case NUMBER -> value instanceof Number n && Double.isFinite(n.doubleValue());
                case OBJECT -> value instanceof Map<?, ?> || value instanceof List<?>;
            };
        }

        private static String describe(Object value) {
            return switch (value) {
                case null -> "null";
                case String s -> "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
                case Boolean b -> "the boolean " + b;
                case Number n -> "the number " + n;
                case Map<?, ?> m -> "an object";
                case List<?> l -> "an array";
                default -> "a " + value.getClass().getSimpleName();
            };
        }

        private static boolean isBlank(String s) {
            return s == null || s.isBlank();
        }
    }
}
