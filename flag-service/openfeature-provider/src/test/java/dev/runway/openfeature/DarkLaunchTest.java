package dev.runway.openfeature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DarkLaunchTest {
    private final DarkLaunch.InMemory metrics = DarkLaunch.Metrics.inMemory();
    private final DarkLaunch<Integer> pricing = DarkLaunch.named("pricing", metrics);

    @Test
    void matchingCandidateIsCountedAndTheTrustedResultReturned() {
        assertThat(pricing.run(() -> 42, () -> 42)).isEqualTo(42);
        assertThat(metrics.matches()).isEqualTo(1);
        assertThat(metrics.mismatches()).isZero();
        assertThat(metrics.trustedRuns()).isEqualTo(1);
    }

    @Test
    void mismatchIsRecordedButNeverServed() {
        assertThat(pricing.run(() -> 42, () -> 41)).isEqualTo(42);
        assertThat(metrics.mismatches()).isEqualTo(1);
    }

    @Test
    void candidateErrorsAreCountedAndSwallowed() {
        assertThat(pricing.run(() -> 42, () -> {
                    throw new IllegalStateException("candidate bug");
                }))
                .isEqualTo(42);
        assertThat(metrics.candidateErrors()).isEqualTo(1);
        assertThat(metrics.matches() + metrics.mismatches()).isZero();
    }

    @Test
    void trustedErrorsPropagateAsWithoutTheExperiment() {
        AtomicBoolean candidateRan = new AtomicBoolean();
        assertThatThrownBy(() -> pricing.run(
                        () -> {
                            throw new IllegalArgumentException("trusted failure");
                        },
                        () -> {
                            candidateRan.set(true);
                            return 1;
                        }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(candidateRan).isFalse();
    }

    @Test
    void aDisabledCandidateDoesNotRun() {
        AtomicBoolean candidateRan = new AtomicBoolean();
        assertThat(pricing.run(
                        () -> 42,
                        () -> {
                            candidateRan.set(true);
                            return 41;
                        },
                        false))
                .isEqualTo(42);
        assertThat(candidateRan).isFalse();
        assertThat(metrics.trustedRuns()).isEqualTo(1);
    }

    @Test
    void aCustomEquivalenceDecidesWhatMatches() {
        DarkLaunch<Integer> roughly = pricing.comparing((a, b) -> Math.abs(a - b) <= 1);
        roughly.run(() -> 42, () -> 41);
        assertThat(metrics.matches()).isEqualTo(1);
    }
}
