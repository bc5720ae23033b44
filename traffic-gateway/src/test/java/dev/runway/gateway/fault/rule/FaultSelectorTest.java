package dev.runway.gateway.fault.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.gateway.route.table.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultSelectorTest {
    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    static Fault fault(String id, VersionScope scope, int bp, HeaderMatch header, Integer abort, Instant expiry) {
        return new Fault(id, "pricing", scope, bp, header, 100, abort, NOW.minusSeconds(60), expiry, null);
    }

    static final Instant LATER = NOW.plusSeconds(60);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "applies to any version",
                        List.of(fault("a", VersionScope.ANY, 10000, null, 503, LATER)),
                        Version.STABLE,
                        Map.of(),
                        0,
                        "a"),
                Arguments.of(
                        "canary-only fault spares stable",
                        List.of(fault("a", VersionScope.CANARY, 10000, null, 503, LATER)),
                        Version.STABLE,
                        Map.of(),
                        0,
                        null),
                Arguments.of(
                        "canary-only fault hits canary",
                        List.of(fault("a", VersionScope.CANARY, 10000, null, 503, LATER)),
                        Version.CANARY,
                        Map.of(),
                        0,
                        "a"),
                Arguments.of(
                        "expired exactly now",
                        List.of(fault("a", VersionScope.ANY, 10000, null, 503, NOW)),
                        Version.STABLE,
                        Map.of(),
                        0,
                        null),
                Arguments.of(
                        "draw outside the share",
                        List.of(fault("a", VersionScope.ANY, 1000, null, 503, LATER)),
                        Version.STABLE,
                        Map.of(),
                        1000,
                        null),
                Arguments.of(
                        "draw inside the share",
                        List.of(fault("a", VersionScope.ANY, 1000, null, 503, LATER)),
                        Version.STABLE,
                        Map.of(),
                        999,
                        "a"),
                Arguments.of(
                        "header present, any value",
                        List.of(fault("a", VersionScope.ANY, 10000, new HeaderMatch("X-Chaos", null), 503, LATER)),
                        Version.STABLE,
                        Map.of("X-Chaos", "1"),
                        0,
                        "a"),
                Arguments.of(
                        "header missing",
                        List.of(fault("a", VersionScope.ANY, 10000, new HeaderMatch("X-Chaos", null), 503, LATER)),
                        Version.STABLE,
                        Map.of(),
                        0,
                        null),
                Arguments.of(
                        "header value differs",
                        List.of(fault("a", VersionScope.ANY, 10000, new HeaderMatch("X-Chaos", "on"), 503, LATER)),
                        Version.STABLE,
                        Map.of("X-Chaos", "off"),
                        0,
                        null),
                Arguments.of(
                        "oldest matching fault first",
                        List.of(
                                fault("a", VersionScope.ANY, 10000, null, 503, LATER),
                                fault("b", VersionScope.ANY, 10000, null, 500, LATER)),
                        Version.STABLE,
                        Map.of(),
                        0,
                        "a"),
                Arguments.of(
                        "expired first, next one applies",
                        List.of(
                                fault("a", VersionScope.ANY, 10000, null, 503, NOW.minusSeconds(1)),
                                fault("b", VersionScope.ANY, 10000, null, 500, LATER)),
                        Version.STABLE,
                        Map.of(),
                        0,
                        "b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selects(
            String name, List<Fault> faults, Version version, Map<String, String> headers, int draw, String expected) {
        Optional<FaultAction> action = FaultSelector.select(faults, version, headers::get, NOW, () -> draw);
        assertThat(action.map(FaultAction::faultId).orElse(null)).isEqualTo(expected);
    }

    @Test
    void theActionCarriesTheFaultsExperimentAndExpiry() {
        Fault labelled = new Fault(
                "a", "pricing", VersionScope.ANY, 10000, null, 250, 503, NOW.minusSeconds(60), LATER, "exp-latency-1");
        FaultAction action = FaultSelector.select(List.of(labelled), Version.CANARY, h -> null, NOW, () -> 0)
                .orElseThrow();
        assertThat(action).isEqualTo(new FaultAction("a", "exp-latency-1", 250, 503, LATER));
    }

    @Test
    void aFaultWithoutExperimentGivesAnActionWithoutOne() {
        FaultAction action = FaultSelector.select(
                        List.of(fault("a", VersionScope.ANY, 10000, null, null, LATER)),
                        Version.STABLE,
                        h -> null,
                        NOW,
                        () -> 0)
                .orElseThrow();
        assertThat(action.experiment()).isNull();
        assertThat(action.aborts()).isFalse();
    }
}
