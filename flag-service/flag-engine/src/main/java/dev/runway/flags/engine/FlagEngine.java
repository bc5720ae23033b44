package dev.runway.flags.engine;

import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Ruleset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates the flags of one loaded {@link Ruleset}. Immutable and thread-safe: to apply a new ruleset,
 * load a new engine and swap the reference (SDKs keep serving the old one until the new one is loaded).
 *
 * <p>Loading never fails on content: the ruleset is validated, sound flags are compiled into a fast form,
 * and each invalid flag answers {@code PARSE_ERROR} while the rest keep working. Evaluating never throws.
 */
public final class FlagEngine {

    private final String environment;
    private final String revision;
    private final Map<String, CompiledFlag> flags;
    private final List<Violation> violations;

    private FlagEngine(
            String environment, String revision, Map<String, CompiledFlag> flags, List<Violation> violations) {
        this.environment = environment;
        this.revision = revision;
        this.flags = flags;
        this.violations = violations;
    }

    /**
     * Validates and compiles a ruleset.
     *
     * @param ruleset the environment's ruleset
     * @return an engine; see {@link #violations()} for anything that could not be compiled
     */
    public static FlagEngine load(Ruleset ruleset) {
        Objects.requireNonNull(ruleset, "ruleset");
        RulesetValidator.Analysis analysis = RulesetValidator.analyze(ruleset);
        Map<String, CompiledFlag> flags = Compiler.compile(ruleset, analysis.brokenFlags());
        return new FlagEngine(ruleset.environment(), ruleset.revision(), flags, analysis.violations());
    }

    /** The ruleset's environment. */
    public String environment() {
        return environment;
    }

    /** The ruleset's revision (an ETag for bulk evaluation). */
    public String revision() {
        return revision;
    }

    /** What the validator found wrong with the loaded ruleset; empty when all of it compiled. */
    public List<Violation> violations() {
        return violations;
    }

    /** The keys of all flags, in ruleset order. */
    public Set<String> flagKeys() {
        return Collections.unmodifiableSet(flags.keySet());
    }

    /**
     * Evaluates one flag.
     *
     * @param flagKey the flag
     * @param context who it is for; {@code null} is an empty context
     * @return the resolved variant, or a failure with an OFREP error code; never {@code null}, never thrown
     */
    public Evaluation evaluate(String flagKey, EvaluationContext context) {
        CompiledFlag flag = flagKey == null ? null : flags.get(flagKey);
        if (flag == null) {
            return new Evaluation.Failed(flagKey, ErrorCode.FLAG_NOT_FOUND, "no flag '" + flagKey + "'");
        }
        return safely(flag, context);
    }

    /**
     * Evaluates one flag that the caller expects to have a given type (an SDK's {@code getBooleanValue} …).
     *
     * @return as {@link #evaluate(String, EvaluationContext)}, or {@code TYPE_MISMATCH} when the flag has
     *     another type
     */
    public Evaluation evaluate(String flagKey, FlagType expectedType, EvaluationContext context) {
        CompiledFlag flag = flagKey == null ? null : flags.get(flagKey);
        if (flag == null) {
            return new Evaluation.Failed(flagKey, ErrorCode.FLAG_NOT_FOUND, "no flag '" + flagKey + "'");
        }
        if (flag.type() != null && flag.type() != expectedType) {
            return new Evaluation.Failed(
                    flagKey,
                    ErrorCode.TYPE_MISMATCH,
                    "flag '" + flagKey + "' is " + flag.type() + ", not " + expectedType);
        }
        return safely(flag, context);
    }

    /** Evaluates every flag, in ruleset order (OFREP bulk evaluation). */
    public List<Evaluation> evaluateAll(EvaluationContext context) {
        List<Evaluation> all = new ArrayList<>(flags.size());
        for (CompiledFlag flag : flags.values()) {
            all.add(safely(flag, context));
        }
        return all;
    }

    private static Evaluation safely(CompiledFlag flag, EvaluationContext context) {
        try {
            return flag.evaluate(context == null ? EvaluationContext.EMPTY : context);
        } catch (RuntimeException unexpected) {
            // A caller's exotic map or a bug of ours must not reach the application as an exception.
            return new Evaluation.Failed(flag.key(), ErrorCode.GENERAL, "evaluation failed: " + unexpected);
        }
    }
}
