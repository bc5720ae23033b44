package dev.runway.gateway.route.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.common.problem.FieldViolation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTest {
    static final List<String> STABLE = List.of("http://127.0.0.1:9001");
    static final List<String> CANARY = List.of("http://127.0.0.1:9002");

    static Route valid() {
        return Route.of("pricing", "/api", STABLE, CANARY, 0);
    }

    static Stream<Arguments> invalidRoutes() {
        Shadow goodShadow = new Shadow("http://127.0.0.1:9003", 10.0, false, null, List.of(), List.of());
        return Stream.of(
                Arguments.of("bad id", Route.of("Pricing!", "/api", STABLE, CANARY, 0), "id"),
                Arguments.of("relative prefix", Route.of("pricing", "api", STABLE, CANARY, 0), "pathPrefix"),
                Arguments.of("no stable", Route.of("pricing", "/api", List.of(), CANARY, 0), "stable"),
                Arguments.of("ftp upstream", Route.of("pricing", "/api", List.of("ftp://x"), CANARY, 0), "stable[0]"),
                Arguments.of("no host", Route.of("pricing", "/api", STABLE, List.of("http://"), 0), "canary[0]"),
                Arguments.of("weight above full", Route.of("pricing", "/api", STABLE, CANARY, 10001), "canaryWeight"),
                Arguments.of("negative weight", Route.of("pricing", "/api", STABLE, CANARY, -1), "canaryWeight"),
                Arguments.of(
                        "weight without canary", Route.of("pricing", "/api", STABLE, List.of(), 100), "canaryWeight"),
                Arguments.of(
                        "bad host",
                        new Route("pricing", "bad host!", "/api", STABLE, CANARY, 0, null, null, null, null),
                        "host"),
                Arguments.of(
                        "sticky without name",
                        new Route(
                                "pricing",
                                null,
                                "/api",
                                STABLE,
                                CANARY,
                                0,
                                new Stickiness(KeySource.HEADER, ""),
                                null,
                                null,
                                null),
                        "stickiness.name"),
                Arguments.of(
                        "ring without values",
                        valid().withAudiences(List.of(new Audience("ring 0", KeySource.HEADER, "X-Team", List.of()))),
                        "audiences[0].values"),
                Arguments.of(
                        "ring from issued cookie",
                        valid().withAudiences(
                                        List.of(new Audience("ring 0", KeySource.ISSUED_COOKIE, "x", List.of("a")))),
                        "audiences[0].source"),
                Arguments.of(
                        "rings without canary",
                        Route.of("pricing", "/api", STABLE, List.of(), 0)
                                .withAudiences(List.of(new Audience("r", KeySource.HEADER, "X-Team", List.of("a")))),
                        "audiences"),
                Arguments.of(
                        "shadow percent",
                        valid().withShadow(new Shadow("http://127.0.0.1:9003", 120.0, false, null, null, null)),
                        "shadow.percent"),
                Arguments.of(
                        "shadow url",
                        valid().withShadow(new Shadow("127.0.0.1:9003", 10.0, false, null, null, null)),
                        "shadow.upstream"),
                Arguments.of(
                        "secondary url",
                        valid().withShadow(new Shadow("http://127.0.0.1:9003", 10.0, false, "nope", null, null)),
                        "shadow.secondary"),
                Arguments.of("valid shadow", valid().withShadow(goodShadow), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRoutes")
    void namesTheFieldAtFault(String name, Route route, String field) {
        List<String> fields =
                route.violations().stream().map(FieldViolation::field).toList();
        if (field == null) {
            assertThat(fields).isEmpty();
        } else {
            assertThat(fields).contains(field);
        }
    }

    @Test
    void defaultsAreFilledIn() {
        Route route = valid();
        assertThat(route.stickiness()).isEqualTo(Stickiness.DEFAULT);
        assertThat(route.audiences()).isEmpty();
        assertThat(route.versionPinning()).isFalse();
        assertThat(route.canaryWeight()).isZero();
        assertThat(new Shadow("http://x", null, null, null, null, null).basisPoints())
                .isEqualTo(10_000);
        assertThat(new Shadow("http://x", 12.34, null, null, null, null).basisPoints())
                .isEqualTo(1234);
    }
}
