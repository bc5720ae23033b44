package dev.runway.flags.bench;

import dev.runway.flags.engine.Evaluation;
import dev.runway.flags.engine.EvaluationContext;
import dev.runway.flags.engine.FlagEngine;
import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.Ruleset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the fall-through time of {@link EvaluationBenchmark} goes: the same flag with only its three rules
 * (no rollout: the default variant at the end), and with only its rollout (no rules).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class BreakdownBenchmark {

    private FlagEngine rulesOnly;
    private FlagEngine rolloutOnly;
    private EvaluationContext user;

    @Setup
    public void setUp() {
        Flag full = Scenario.runwayRuleset().flags().get(0);
        rulesOnly = FlagEngine.load(single(new Flag(
                full.key(),
                full.type(),
                full.variants(),
                "off",
                "off",
                full.state(),
                null,
                List.of(),
                full.rules(),
                null)));
        rolloutOnly = FlagEngine.load(single(new Flag(
                full.key(),
                full.type(),
                full.variants(),
                "off",
                "off",
                full.state(),
                null,
                List.of(),
                List.of(),
                full.rollout())));
        user = Scenario.fallThroughUser().runway();
    }

    @Benchmark
    public Evaluation threeRulesNoneMatching() {
        return rulesOnly.evaluate(Scenario.FLAG, user);
    }

    @Benchmark
    public Evaluation rolloutOnly() {
        return rolloutOnly.evaluate(Scenario.FLAG, user);
    }

    private static Ruleset single(Flag flag) {
        return new Ruleset("bench", "1", List.of(flag), List.of(), List.of());
    }
}
