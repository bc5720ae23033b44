package dev.runway.gateway.fault.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.common.problem.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultSpecTest {
    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    static final Duration MAX = Duration.ofHours(24);
    static final Duration TTL = Duration.ofMinutes(5);

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("no percent", new FaultSpec(null, null, null, 100L, null, TTL, null, null), "percent"),
                Arguments.of("zero percent", new FaultSpec(null, 0.0, null, 100L, null, TTL, null, null), "percent"),
                Arguments.of(
                        "over 100 percent", new FaultSpec(null, 100.5, null, 100L, null, TTL, null, null), "percent"),
                Arguments.of("negative delay", new FaultSpec(null, 50.0, null, -1L, null, TTL, null, null), "delayMs"),
                Arguments.of("huge delay", new FaultSpec(null, 50.0, null, 60_001L, null, TTL, null, null), "delayMs"),
                Arguments.of(
                        "nothing to inject", new FaultSpec(null, 50.0, null, 0L, null, TTL, null, null), "delayMs"),
                Arguments.of(
                        "success status", new FaultSpec(null, 50.0, null, null, 200, TTL, null, null), "abortStatus"),
                Arguments.of("no expiry", new FaultSpec(null, 50.0, null, null, 503, null, null, null), "ttl"),
                Arguments.of(
                        "both expiries",
                        new FaultSpec(null, 50.0, null, null, 503, TTL, NOW.plusSeconds(60), null),
                        "ttl"),
                Arguments.of(
                        "ttl too long",
                        new FaultSpec(null, 50.0, null, null, 503, Duration.ofDays(2), null, null),
                        "ttl"),
                Arguments.of(
                        "expiry in the past",
                        new FaultSpec(null, 50.0, null, null, 503, null, NOW.minusSeconds(1), null),
                        "expiresAt"),
                Arguments.of(
                        "bad header name",
                        new FaultSpec(null, 50.0, new HeaderMatch("bad header", null), null, 503, TTL, null, null),
                        "header.name"),
                Arguments.of("upper-case experiment", withExperiment("Exp-1"), "experiment"),
                Arguments.of("experiment with a space", withExperiment("exp 1"), "experiment"),
                Arguments.of("experiment starting with a dash", withExperiment("-exp"), "experiment"),
                Arguments.of("empty experiment", withExperiment(""), "experiment"),
                Arguments.of("experiment of 64 characters", withExperiment("e".repeat(64)), "experiment"));
    }

    static FaultSpec withExperiment(String experiment) {
        return new FaultSpec(null, 50.0, null, null, 503, TTL, null, experiment);
    }

    static Stream<String> goodExperiments() {
        return Stream.of("exp-latency-1", "0", "chaos.2025_01.a-b", "e".repeat(63));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodExperiments")
    void acceptsAnExperimentLabelAndKeepsItOnTheFault(String experiment) {
        FaultSpec spec = withExperiment(experiment);
        assertThat(spec.violations(NOW, MAX)).isEmpty();
        assertThat(spec.accept("f1", "pricing", NOW).experiment()).isEqualTo(experiment);
    }

    @Test
    void aFaultWithoutExperimentIsValidAndCarriesNone() {
        FaultSpec spec = withExperiment(null);
        assertThat(spec.violations(NOW, MAX)).isEmpty();
        assertThat(spec.accept("f1", "pricing", NOW).experiment()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesNamingTheField(String name, FaultSpec spec, String field) {
        assertThat(spec.violations(NOW, MAX)).extracting(FieldViolation::field).contains(field);
    }

    @Test
    void anAcceptedFaultExpiresAfterItsTtlAndDefaultsToAnyVersion() {
        FaultSpec spec = new FaultSpec(null, 12.5, null, 250L, null, Duration.ofSeconds(2), null, null);
        assertThat(spec.violations(NOW, MAX)).isEmpty();
        Fault fault = spec.accept("f1", "pricing", NOW);
        assertThat(fault.expiresAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(fault.version()).isEqualTo(VersionScope.ANY);
        assertThat(fault.basisPoints()).isEqualTo(1250);
        assertThat(fault.activeAt(NOW.plusMillis(1999))).isTrue();
        assertThat(fault.activeAt(NOW.plusSeconds(2))).isFalse();
    }
}
