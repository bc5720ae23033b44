package dev.runway.openfeature;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Runs a trusted and a candidate implementation of the same thing, compares their results and always
 * returns the trusted one: the way to prove a rewrite on production traffic before any user depends on it.
 * Candidate exceptions are caught and counted, never thrown; trusted exceptions propagate as they would
 * without the experiment.
 *
 * <p>Typical use, with the candidate gated by a flag so it can be switched off instantly:
 *
 * <pre>{@code
 * DarkLaunch<Price> pricing = DarkLaunch.named("pricing-v2", DarkLaunch.Metrics.inMemory());
 * Price price = pricing.run(() -> oldPricing(cart), () -> newPricing(cart),
 *         client.getBooleanValue("pricing-v2-dark", false, ctx));
 * }</pre>
 *
 * @param <T> the result type
 */
public final class DarkLaunch<T> {
    private final String name;
    private final Metrics metrics;
    private final BiPredicate<? super T, ? super T> same;

    private DarkLaunch(String name, Metrics metrics, BiPredicate<? super T, ? super T> same) {
        this.name = Objects.requireNonNull(name, "name");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.same = Objects.requireNonNull(same, "same");
    }

    /** An experiment comparing results with {@link Objects#equals}. */
    public static <T> DarkLaunch<T> named(String name, Metrics metrics) {
        return new DarkLaunch<>(name, metrics, Objects::equals);
    }

    /** The same experiment with another notion of "the same result" (e.g. prices equal to the cent). */
    public DarkLaunch<T> comparing(BiPredicate<? super T, ? super T> equivalence) {
        return new DarkLaunch<>(name, metrics, equivalence);
    }

    public String name() {
        return name;
    }

    /** Runs both and returns the trusted result. */
    public T run(Supplier<? extends T> trusted, Supplier<? extends T> candidate) {
        return run(trusted, candidate, true);
    }

    /**
     * Runs the trusted path and, if {@code runCandidate}, the candidate; returns the trusted result.
     *
     * @param runCandidate typically a flag's value, so the candidate can be turned off in one call
     */
    public T run(Supplier<? extends T> trusted, Supplier<? extends T> candidate, boolean runCandidate) {
        long start = System.nanoTime();
        T expected = trusted.get();
        long trustedNanos = System.nanoTime() - start;
        metrics.trusted(name, trustedNanos);
        if (!runCandidate) {
            return expected;
        }
        long candidateStart = System.nanoTime();
        T actual;
        try {
            actual = candidate.get();
        } catch (RuntimeException | LinkageError failure) {
            metrics.candidateFailed(name, System.nanoTime() - candidateStart, failure);
            return expected;
        }
        long candidateNanos = System.nanoTime() - candidateStart;
        boolean match;
        try {
            match = same.test(expected, actual);
        } catch (RuntimeException failure) {
            metrics.candidateFailed(name, candidateNanos, failure);
            return expected;
        }
        metrics.compared(name, candidateNanos, match);
        return expected;
    }

    /** Where an experiment's figures go: adapt to Micrometer, OpenTelemetry or logs as the application likes. */
    public interface Metrics {
        void trusted(String experiment, long nanos);

        void compared(String experiment, long candidateNanos, boolean match);

        void candidateFailed(String experiment, long candidateNanos, Throwable failure);

        /** Counters and total times in memory, for applications without a metrics library and for tests. */
        static InMemory inMemory() {
            return new InMemory();
        }
    }

    /** Plain counters: runs, matches, mismatches, candidate errors and summed times. */
    public static final class InMemory implements Metrics {
        private final LongAdder trustedRuns = new LongAdder();
        private final LongAdder trustedNanos = new LongAdder();
        private final LongAdder matches = new LongAdder();
        private final LongAdder mismatches = new LongAdder();
        private final LongAdder candidateErrors = new LongAdder();
        private final LongAdder candidateNanos = new LongAdder();
        private final AtomicLong maxCandidateNanos = new AtomicLong();

        @Override
        public void trusted(String experiment, long nanos) {
            trustedRuns.increment();
            trustedNanos.add(nanos);
        }

        @Override
        public void compared(String experiment, long nanos, boolean match) {
            (match ? matches : mismatches).increment();
            candidate(nanos);
        }

        @Override
        public void candidateFailed(String experiment, long nanos, Throwable failure) {
            candidateErrors.increment();
            candidate(nanos);
        }

        private void candidate(long nanos) {
            candidateNanos.add(nanos);
            maxCandidateNanos.accumulateAndGet(nanos, Math::max);
        }

        public long trustedRuns() {
            return trustedRuns.sum();
        }

        public long matches() {
            return matches.sum();
        }

        public long mismatches() {
            return mismatches.sum();
        }

        public long candidateErrors() {
            return candidateErrors.sum();
        }

        public long trustedNanos() {
            return trustedNanos.sum();
        }

        public long candidateNanos() {
            return candidateNanos.sum();
        }

        public long maxCandidateNanos() {
            return maxCandidateNanos.get();
        }
    }
}
