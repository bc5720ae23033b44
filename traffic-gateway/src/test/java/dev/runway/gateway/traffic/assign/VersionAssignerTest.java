package dev.runway.gateway.traffic.assign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.gateway.route.table.Audience;
import dev.runway.gateway.route.table.KeySource;
import dev.runway.gateway.route.table.Route;
import dev.runway.gateway.route.table.Stickiness;
import dev.runway.gateway.route.table.Version;
import dev.runway.gateway.traffic.assign.Assignment.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VersionAssignerTest {
    static final List<String> STABLE = List.of("http://stable:1");
    static final List<String> CANARY = List.of("http://canary:1");
    static final Audience TEAM = new Audience("ring 0", KeySource.HEADER, "X-Team", List.of("runway"));
    static final Audience EMPLOYEES = new Audience("ring 1", KeySource.COOKIE, "staff", List.of("yes"));

    static Route route(int weight, List<String> canary, boolean pinning, List<Audience> audiences) {
        return new Route(
                "pricing",
                null,
                "/api",
                STABLE,
                canary,
                weight,
                new Stickiness(KeySource.HEADER, "X-User-Id"),
                audiences,
                pinning,
                null);
    }

    record Request(Map<String, String> headers, Map<String, String> cookies) implements RequestView {
        static Request of(String... headerPairs) {
            Map<String, String> headers = new HashMap<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Request(headers, Map.of());
        }

        Request cookie(String name, String value) {
            Map<String, String> cookies = new HashMap<>(this.cookies);
            cookies.put(name, value);
            return new Request(headers, cookies);
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public String cookie(String name) {
            return cookies.get(name);
        }
    }

    static Stream<Arguments> decisions() {
        // user-1 is in bucket 3967 of route "pricing" (see BucketingTest).
        return Stream.of(
                Arguments.of(
                        "no canary pool",
                        route(0, List.of(), true, List.of()),
                        Request.of(),
                        0,
                        Version.STABLE,
                        Reason.NO_CANARY),
                Arguments.of(
                        "pin header honoured",
                        route(0, CANARY, true, List.of()),
                        Request.of("X-Runway-Version", "canary"),
                        9999,
                        Version.CANARY,
                        Reason.PINNED),
                Arguments.of(
                        "pin to stable at full weight",
                        route(10000, CANARY, true, List.of()),
                        Request.of("X-Runway-Version", "STABLE"),
                        0,
                        Version.STABLE,
                        Reason.PINNED),
                Arguments.of(
                        "pin ignored unless enabled",
                        route(0, CANARY, false, List.of()),
                        Request.of("X-Runway-Version", "canary"),
                        9999,
                        Version.STABLE,
                        Reason.DRAW),
                Arguments.of(
                        "unknown pin value ignored",
                        route(0, CANARY, true, List.of()),
                        Request.of("X-Runway-Version", "blue"),
                        9999,
                        Version.STABLE,
                        Reason.DRAW),
                Arguments.of(
                        "ring by header at weight 0",
                        route(0, CANARY, false, List.of(TEAM)),
                        Request.of("X-Team", "runway"),
                        9999,
                        Version.CANARY,
                        Reason.AUDIENCE),
                Arguments.of(
                        "ring by cookie",
                        route(0, CANARY, false, List.of(TEAM, EMPLOYEES)),
                        Request.of().cookie("staff", "yes"),
                        9999,
                        Version.CANARY,
                        Reason.AUDIENCE),
                Arguments.of(
                        "other ring value",
                        route(0, CANARY, false, List.of(TEAM)),
                        Request.of("X-Team", "payments"),
                        9999,
                        Version.STABLE,
                        Reason.DRAW),
                Arguments.of(
                        "sticky below weight",
                        route(3968, CANARY, false, List.of()),
                        Request.of("X-User-Id", "user-1"),
                        0,
                        Version.CANARY,
                        Reason.STICKY),
                Arguments.of(
                        "sticky at weight",
                        route(3967, CANARY, false, List.of()),
                        Request.of("X-User-Id", "user-1"),
                        0,
                        Version.STABLE,
                        Reason.STICKY),
                Arguments.of(
                        "keyless draw below weight",
                        route(2500, CANARY, false, List.of()),
                        Request.of(),
                        2499,
                        Version.CANARY,
                        Reason.DRAW),
                Arguments.of(
                        "keyless draw at weight",
                        route(2500, CANARY, false, List.of()),
                        Request.of(),
                        2500,
                        Version.STABLE,
                        Reason.DRAW),
                Arguments.of(
                        "weight 0 never draws canary",
                        route(0, CANARY, false, List.of()),
                        Request.of(),
                        0,
                        Version.STABLE,
                        Reason.DRAW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String name, Route route, Request request, int draw, Version version, Reason reason) {
        String key = VersionAssigner.stickyKey(route, request);
        Assignment assignment = VersionAssigner.assign(route, request, key, () -> draw);
        assertThat(assignment.version()).isEqualTo(version);
        assertThat(assignment.reason()).isEqualTo(reason);
    }

    @Test
    void aQuarterOfTenThousandKeysSeeTheCanaryAtWeight2500AndRaisingTheWeightOnlyAddsUsers() {
        Route quarter = route(2500, CANARY, false, List.of());
        Route half = route(5000, CANARY, false, List.of());
        int canary = 0;
        for (int i = 0; i < 10_000; i++) {
            Request request = Request.of("X-User-Id", "user-" + i);
            Version before = VersionAssigner.assign(quarter, request, "user-" + i, () -> 0)
                    .version();
            Version after =
                    VersionAssigner.assign(half, request, "user-" + i, () -> 0).version();
            if (before == Version.CANARY) {
                canary++;
                assertThat(after).as("user-%d stays on the canary", i).isEqualTo(Version.CANARY);
            }
        }
        assertThat(canary).isBetween(2300, 2700);
    }

    @Test
    void theStickyKeyComesFromTheConfiguredSource() {
        Route byCookie = route(0, CANARY, false, List.of()).withId("pricing");
        Route cookieRoute = new Route(
                "pricing",
                null,
                "/api",
                STABLE,
                CANARY,
                0,
                new Stickiness(KeySource.COOKIE, "session"),
                null,
                null,
                null);
        Request request = Request.of("X-User-Id", "from-header").cookie("session", "from-cookie");
        assertThat(VersionAssigner.stickyKey(byCookie, request)).isEqualTo("from-header");
        assertThat(VersionAssigner.stickyKey(cookieRoute, request)).isEqualTo("from-cookie");
    }
}
