package dev.runway.flags.engine;

import dev.runway.flags.engine.model.Condition;
import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.FlagType;
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
import java.util.List;
import java.util.Map;

/** Tiny factories for test rulesets. */
final class Fixtures {
    private Fixtures() {}

    /** A boolean flag: variants on/off, default and off variant "off", state ON, no rules. */
    static FlagSpec flag(String key) {
        return new FlagSpec(key);
    }

    static Rule.Match rule(String id, String variant, Condition... conditions) {
        return new Rule.Match(id, List.of(conditions), new Serve.Variant(variant));
    }

    static Rule.Match splitRule(String id, Serve.Split split, Condition... conditions) {
        return new Rule.Match(id, List.of(conditions), split);
    }

    static Rule.Rings ringRule(String id, String upToRing, String variant) {
        return new Rule.Rings(id, upToRing, new Serve.Variant(variant));
    }

    static Condition when(String attribute, Operator operator, Object... values) {
        return Condition.of(attribute, operator, values);
    }

    /** A split; arguments alternate variant name and basis points: {@code split("on", 2500, "off", 7500)}. */
    static Serve.Split split(Object... variantsAndWeights) {
        return splitBy(null, variantsAndWeights);
    }

    static Serve.Split splitBy(String bucketBy, Object... variantsAndWeights) {
        List<Serve.Weight> weights = new ArrayList<>();
        for (int i = 0; i < variantsAndWeights.length; i += 2) {
            weights.add(new Serve.Weight((String) variantsAndWeights[i], (Integer) variantsAndWeights[i + 1]));
        }
        return new Serve.Split(bucketBy, weights);
    }

    static Segment segment(String key, List<String> included, List<String> excluded, Condition... conditions) {
        return new Segment(key, List.of(conditions), included, excluded);
    }

    static Ring ring(String key, String... segments) {
        return new Ring(key, List.of(segments));
    }

    static Ruleset ruleset(Flag... flags) {
        return new Ruleset("test", "r1", List.of(flags), List.of(), List.of());
    }

    static Ruleset ruleset(List<Flag> flags, List<Segment> segments, List<Ring> rings) {
        return new Ruleset("test", "r1", flags, segments, rings);
    }

    static FlagEngine engine(Flag... flags) {
        return FlagEngine.load(ruleset(flags));
    }

    /** A context; attributes alternate name and value: {@code user("u1", "country", "DE")}. */
    static EvaluationContext user(String targetingKey, Object... attributes) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            map.put((String) attributes[i], attributes[i + 1]);
        }
        return new EvaluationContext(targetingKey, map);
    }

    /** The variant served, or the error code's name for a failure. */
    static String outcome(Evaluation evaluation) {
        return switch (evaluation) {
            case Evaluation.Resolved resolved -> resolved.variant();
            case Evaluation.Failed failed -> failed.errorCode().name();
        };
    }

    /** Mutable spec of a flag for tests; {@link #build()} makes the immutable record. */
    static final class FlagSpec {
        String key;
        FlagType type = FlagType.BOOLEAN;
        Map<String, Object> variants = new LinkedHashMap<>(Map.of("on", true, "off", false));
        String defaultVariant = "off";
        String offVariant = "off";
        FlagState state = FlagState.ON;
        String salt;
        List<Prerequisite> prerequisites = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        Serve.Split rollout;

        FlagSpec(String key) {
            this.key = key;
        }

        FlagSpec type(FlagType type, Map<String, Object> variants) {
            this.type = type;
            this.variants = new LinkedHashMap<>(variants);
            return this;
        }

        FlagSpec variants(Map<String, Object> variants) {
            this.variants = new LinkedHashMap<>(variants);
            return this;
        }

        FlagSpec defaultVariant(String variant) {
            this.defaultVariant = variant;
            return this;
        }

        FlagSpec offVariant(String variant) {
            this.offVariant = variant;
            return this;
        }

        FlagSpec state(FlagState state) {
            this.state = state;
            return this;
        }

        FlagSpec salt(String salt) {
            this.salt = salt;
            return this;
        }

        FlagSpec requires(String flag, String... variants) {
            prerequisites.add(new Prerequisite(flag, List.of(variants)));
            return this;
        }

        FlagSpec rules(Rule... rules) {
            this.rules.addAll(List.of(rules));
            return this;
        }

        FlagSpec rollout(Serve.Split rollout) {
            this.rollout = rollout;
            return this;
        }

        Flag build() {
            return new Flag(
                    key, type, variants, defaultVariant, offVariant, state, salt, prerequisites, rules, rollout);
        }
    }
}
