package dev.runway.api.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.api.identity.Role;
import dev.runway.api.support.Identities;
import dev.runway.api.support.PublicApi;
import dev.runway.api.support.StandIn;
import dev.runway.testkit.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every mutating route of the public API against every kind of caller, generated from {@link PublicRoutes}:
 * a route added to the table is covered here without a new test. The services are stand-ins answering over
 * real HTTP; the registry stand-in says that service {@code shop-api} (and rollout {@code r-1}, and flag
 * {@code x}) belong to team {@code shop}, {@code other-api} to team {@code other}, and that {@code ghost-api}
 * is not registered. Flag {@code unowned} has no owning service, flag {@code orphan} belongs to
 * {@code ghost-api}, flag {@code gone} was deleted while {@code shop-api} owned it, and flag {@code missing}
 * never existed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.api.identity.bootstrap-admin-token=" + Identities.ADMIN_TOKEN)
class AuthorizationMatrixIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static StandIn services;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        if (services == null) {
            services = StandIn.start(AuthorizationMatrixIT::answer);
        }
        for (String peer :
                List.of("flag-service", "rollout-controller", "slo-engine", "chaos-service", "traffic-gateway")) {
            registry.add("runway.api.peers." + peer, services::url);
        }
    }

    static StandIn.Answer answer(StandIn.Call call) {
        String path = call.path();
        if (call.method().equals("GET")) {
            if (path.equals("/api/v1/services/ghost-api") || path.startsWith("/api/v1/flags/missing")) {
                return NOT_FOUND;
            }
            if (path.equals("/api/v1/services/other-api")) {
                return new StandIn.Answer(200, "{\"name\": \"other-api\", \"team\": \"other\"}");
            }
            if (path.startsWith("/api/v1/services/")) {
                return new StandIn.Answer(200, "{\"name\": \"shop-api\", \"team\": \"shop\"}");
            }
            if (path.startsWith("/api/v1/rollouts/")) {
                return new StandIn.Answer(200, "{\"id\": \"r-1\", \"service\": \"shop-api\"}");
            }
            switch (path) {
                case "/api/v1/flags/unowned" -> {
                    return storedFlag("unowned", "null");
                }
                case "/api/v1/flags/orphan" -> {
                    return storedFlag("orphan", "\"ghost-api\"");
                }
                case "/api/v1/flags/gone" -> {
                    return NOT_FOUND;
                }
                case "/api/v1/flags/gone/versions" -> {
                    String created =
                            "{\"version\": 1, \"deleted\": false, \"flag\": {\"key\": \"gone\", \"service\": null}}";
                    String deleted =
                            "{\"version\": 2, \"deleted\": true, \"flag\": {\"key\": \"gone\", \"service\": \"shop-api\"}}";
                    return new StandIn.Answer(200, "[" + created + ", " + deleted + "]");
                }
                default -> {
                    if (path.startsWith("/api/v1/flags/")) {
                        return storedFlag("x", "\"shop-api\"");
                    }
                }
            }
        }
        if (path.startsWith("/api/v1/flags/missing")) {
            return NOT_FOUND;
        }
        return new StandIn.Answer(200, "{\"reached\": \"" + path + "\"}");
    }

    static final StandIn.Answer NOT_FOUND =
            new StandIn.Answer(404, "{\"status\": 404, \"title\": \"Not found\", \"detail\": \"no such thing\"}");

    /** A flag as the flag-service answers {@code GET /api/v1/flags/{key}}, owned by a service or by none. */
    static StandIn.Answer storedFlag(String key, String serviceJson) {
        return new StandIn.Answer(
                200, "{\"version\": 1, \"flag\": {\"key\": \"" + key + "\", \"service\": " + serviceJson + "}}");
    }

    @AfterAll
    static void stop() {
        services.close();
        services = null;
    }

    /** Who calls. */
    enum Caller {
        NO_TOKEN,
        EXPIRED_TOKEN,
        REVOKED_TOKEN,
        VIEWER,
        DEPLOYER_OF_OWNING_TEAM,
        DEPLOYER_OF_OTHER_TEAM,
        SRE,
        ADMIN
    }

    static Map<Caller, String> tokens;

    @LocalServerPort
    int port;

    @BeforeEach
    void identities() throws Exception {
        if (tokens != null) {
            return;
        }
        var ids = new Identities(port);
        ids.team("shop");
        ids.team("other");
        tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.EXPIRED_TOKEN, ids.expiredToken());
        tokens.put(Caller.REVOKED_TOKEN, ids.revokedToken());
        tokens.put(Caller.VIEWER, ids.token("viewer"));
        tokens.put(Caller.DEPLOYER_OF_OWNING_TEAM, ids.token("deployer", "shop"));
        tokens.put(Caller.DEPLOYER_OF_OTHER_TEAM, ids.token("deployer", "other"));
        tokens.put(Caller.SRE, ids.token("sre"));
        tokens.put(Caller.ADMIN, ids.token("admin"));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : PublicRoutes.TABLE) {
            if (!route.mutates() || !(route.access() instanceof Route.Access.Requires)) {
                continue;
            }
            for (String method : route.methods().stream().sorted().toList()) {
                for (Caller caller : Caller.values()) {
                    cases.add(Arguments.of(method, route.pattern(), caller, route));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("matrix")
    void everyMutatingRouteAdmitsExactlyTheRolesTheTableNames(
            String method, String pattern, Caller caller, Route route) {
        String path = concrete(method, route);
        var answer = PublicApi.at(port, tokens.get(caller)).send(method, path, body(route.ownership()), Map.of());

        Role required = ((Route.Access.Requires) route.access()).role();
        switch (caller) {
            case NO_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN -> Problems.assertProblem(answer, 401);
            default -> {
                Role held = Role.valueOf(caller.name().startsWith("DEPLOYER") ? "DEPLOYER" : caller.name());
                boolean teamBound = !(route.ownership() instanceof Route.Ownership.None);
                boolean allowed = held.includes(required)
                        && !(teamBound && caller == Caller.DEPLOYER_OF_OTHER_TEAM && !held.includes(Role.SRE));
                if (allowed) {
                    assertThat(answer.status())
                            .as("%s %s as %s: %s", method, path, caller, answer.body())
                            .isNotIn(401, 403);
                } else {
                    var problem = Problems.assertProblem(answer, 403);
                    String missing = held.includes(required) ? "deployer" : required.key();
                    assertThat(problem.path("missingRole").asString()).isEqualTo(missing);
                    assertThat(problem.path("detail").asString()).contains(missing);
                }
            }
        }
    }

    @Test
    void theMatrixCoversEveryMutatingRouteOfEveryService() {
        // a guard against the generator silently skipping a service
        assertThat(matrix().map(a -> ((Route) a.get()[3]).peer()).distinct()).containsExactlyInAnyOrder(Peer.values());
        assertThat(Arrays.stream(Caller.values())).hasSize(8);
    }

    static final RouteTable ROUTES = new RouteTable(PublicRoutes.TABLE);

    /**
     * Fills path variables and drops a trailing {@code /**}: a concrete URL the route matches. Where a more
     * specific route answers that URL ({@code PUT /flags/{key}} before {@code PUT /flags/{key}/**}), one segment
     * deeper.
     */
    static String concrete(String method, Route route) {
        String pattern = route.pattern();
        String path = (pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern)
                .replace("{id}", "r-1")
                .replace("{action}", "rollback")
                .replace("{decision}", "approve")
                .replaceAll("\\{[^}]+}", "x");
        if (!routeOf(method, path).equals(route)) {
            path = path + "/x";
        }
        assertThat(routeOf(method, path))
                .as("the route %s %s itself answers %s", method, pattern, path)
                .isEqualTo(route);
        return path;
    }

    private static Route routeOf(String method, String path) {
        return ROUTES.match(method, path).orElseThrow().route();
    }

    /** A body naming {@code shop-api} in every field the route reads its owner from. */
    static String body(Route.Ownership ownership) {
        return "{"
                + String.join(
                        ", ",
                        ownerFields(ownership).stream()
                                .map(field -> "\"" + field + "\": \"shop-api\"")
                                .toList())
                + "}";
    }

    private static List<String> ownerFields(Route.Ownership ownership) {
        return switch (ownership) {
            case Route.Ownership.ServiceInBody(String field) -> List.of(field);
            case Route.Ownership.FlagOwnerInBody(String field) -> List.of(field);
            case Route.Ownership.AllOf(var each) ->
                each.stream().flatMap(part -> ownerFields(part).stream()).toList();
            default -> List.of();
        };
    }

    // ---- flags: who owns one is read from the flag-service, and a flag no team owns is the sre's

    /** Every flag route that finds its flag by the path, with the key to fill in. */
    static Stream<Arguments> flagRoutes() {
        return PublicRoutes.TABLE.stream()
                .filter(route -> names(route.ownership(), Route.Ownership.FlagInPath.class))
                .flatMap(route -> route.methods().stream().sorted().map(method -> Arguments.of(method, route)));
    }

    private static boolean names(Route.Ownership ownership, Class<? extends Route.Ownership> kind) {
        return kind.isInstance(ownership)
                || ownership instanceof Route.Ownership.AllOf(var each)
                        && each.stream().anyMatch(part -> names(part, kind));
    }

    private static String concreteFlag(String method, Route route, String key) {
        return concrete(method, route).replaceFirst("^/api/v1/flags/x", "/api/v1/flags/" + key);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("flagRoutes")
    void aFlagNoTeamOwnsIsChangedOnlyByAnSreOrAnAdmin(String method, Route route) {
        for (String flag : List.of("unowned", "orphan")) {
            String path = concreteFlag(method, route, flag);
            String body = body(route.ownership());
            var refused = Problems.assertProblem(
                    PublicApi.at(port, tokens.get(Caller.DEPLOYER_OF_OWNING_TEAM))
                            .send(method, path, body, Map.of()),
                    403);
            assertThat(refused.path("missingRole").asString()).isEqualTo("sre");
            assertThat(refused.path("detail").asString())
                    .contains(flag)
                    .containsAnyOf("no owning service", "no team owns");
            for (Caller trusted : List.of(Caller.SRE, Caller.ADMIN)) {
                var answer = PublicApi.at(port, tokens.get(trusted)).send(method, path, body, Map.of());
                assertThat(answer.status())
                        .as("%s %s as %s: %s", method, path, trusted, answer.body())
                        .isNotIn(401, 403);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("flagRoutes")
    void aDeletedFlagStaysItsTeamsAndAnUnknownOneReachesTheFlagServicesNotFound(String method, Route route) {
        String body = body(route.ownership());
        var gone = PublicApi.at(port, tokens.get(Caller.DEPLOYER_OF_OTHER_TEAM))
                .send(method, concreteFlag(method, route, "gone"), body, Map.of());
        assertThat(Problems.assertProblem(gone, 403).path("detail").asString()).contains("shop-api");
        assertThat(PublicApi.at(port, tokens.get(Caller.DEPLOYER_OF_OWNING_TEAM))
                        .send(method, concreteFlag(method, route, "gone"), body, Map.of())
                        .status())
                .isNotIn(401, 403);

        var missing = PublicApi.at(port, tokens.get(Caller.DEPLOYER_OF_OTHER_TEAM))
                .send(method, concreteFlag(method, route, "missing"), body.replace("shop-api", "other-api"), Map.of());
        Problems.assertProblem(missing, 404);
    }

    @Test
    void aDeployersNewFlagMustNameAServiceOfTheirTeam() {
        var deployer = PublicApi.at(port, tokens.get(Caller.DEPLOYER_OF_OWNING_TEAM));
        var unnamed = Problems.assertProblem(deployer.post("/api/v1/flags", "{\"key\": \"f\"}"), 403);
        assertThat(unnamed.path("detail").asString()).contains("a deployer's flag must name its service", "service");
        var unregistered = Problems.assertProblem(
                deployer.post("/api/v1/flags", "{\"key\": \"f\", \"service\": \"ghost-api\"}"), 403);
        assertThat(unregistered.path("detail").asString()).contains("ghost-api", "no team owns");
        Problems.assertProblem(deployer.post("/api/v1/flags", "{\"key\": \"f\", \"service\": \"other-api\"}"), 403);
        assertThat(deployer.post("/api/v1/flags", "{\"key\": \"f\", \"service\": \"shop-api\"}")
                        .status())
                .isEqualTo(200);

        // an sre may create a flag no team owns
        assertThat(PublicApi.at(port, tokens.get(Caller.SRE))
                        .post("/api/v1/flags", "{\"key\": \"f\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aDeployerCannotHandTheirFlagToAnotherTeamOrToNoTeam() {
        var deployer = PublicApi.at(port, tokens.get(Caller.DEPLOYER_OF_OWNING_TEAM));
        Problems.assertProblem(deployer.put("/api/v1/flags/x", "{\"service\": \"other-api\"}"), 403);
        var dropped = Problems.assertProblem(deployer.put("/api/v1/flags/x", "{}"), 403);
        assertThat(dropped.path("detail").asString()).contains("must name its service");
        assertThat(deployer.put("/api/v1/flags/x", "{\"service\": \"shop-api\"}")
                        .status())
                .isEqualTo(200);
    }
}
