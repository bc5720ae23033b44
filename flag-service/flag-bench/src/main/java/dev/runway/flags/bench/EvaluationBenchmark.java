package dev.runway.flags.bench;

import dev.runway.flags.engine.Evaluation;
import dev.runway.flags.engine.EvaluationContext;
import dev.runway.flags.engine.FlagEngine;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Local evaluation cost of one flag with three rules and a 25 % rollout ({@link Scenario}), Runway's engine
 * beside the Unleash Java SDK. Contexts are built in setup for both, so only evaluation is measured.
 *
 * <ul>
 *   <li>{@code fallThrough}: one user no rule matches — all three rules are tried, then the rollout hashes.
 *   <li>{@code mixedUsers}: 1 024 different users cycling (some match a rule, most reach the rollout).
 * </ul>
 *
 * <p>Defaults are short on purpose (the machine is shared): 2 forks × 3 warm-ups × 5 iterations of 1 s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class EvaluationBenchmark {

    private static final int USERS = 1_024;

    private FlagEngine runway;
    private Unleash unleash;
    private EvaluationContext runwayFallThrough;
    private UnleashContext unleashFallThrough;
    private EvaluationContext[] runwayUsers;
    private UnleashContext[] unleashUsers;
    private int next;

    @Setup
    public void setUp() {
        runway = Scenario.runwayEngine();
        unleash = Scenario.unleashClient();
        runwayFallThrough = Scenario.fallThroughUser().runway();
        unleashFallThrough = Scenario.fallThroughUser().unleash();
        List<Scenario.User> users = Scenario.mixedUsers(USERS, 42);
        runwayUsers = users.stream().map(Scenario.User::runway).toArray(EvaluationContext[]::new);
        unleashUsers = users.stream().map(Scenario.User::unleash).toArray(UnleashContext[]::new);
    }

    @TearDown
    public void tearDown() {
        unleash.shutdown();
    }

    @Benchmark
    public Evaluation runwayFallThrough() {
        return runway.evaluate(Scenario.FLAG, runwayFallThrough);
    }

    @Benchmark
    public boolean unleashFallThrough() {
        return unleash.isEnabled(Scenario.FLAG, unleashFallThrough);
    }

    @Benchmark
    public Evaluation runwayMixedUsers() {
        next = (next + 1) & (USERS - 1);
        return runway.evaluate(Scenario.FLAG, runwayUsers[next]);
    }

    @Benchmark
    public boolean unleashMixedUsers() {
        next = (next + 1) & (USERS - 1);
        return unleash.isEnabled(Scenario.FLAG, unleashUsers[next]);
    }
}
