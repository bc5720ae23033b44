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
 * real HTTP; the registry stand-in says that service {@code shop-api} (and rollout {@code r-1}) belong to team
 * {@code shop}.
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
            services = StandIn.start(call -> {
                if (call.method().equals("GET") && call.path().startsWith("/api/v1/services/")) {
                    return new StandIn.Answer(200, "{\"name\": \"shop-api\", \"team\": \"shop\"}");
                }
                if (call.method().equals("GET") && call.path().startsWith("/api/v1/rollouts/")) {
                    return new StandIn.Answer(200, "{\"id\": \"r-1\", \"service\": \"shop-api\"}");
                }
                return new StandIn.Answer(200, "{\"reached\": \"" + call.path() + "\"}");
            });
        }
        for (String peer :
                List.of("flag-service", "rollout-controller", "slo-engine", "chaos-service", "traffic-gateway")) {
            registry.add("runway.api.peers." + peer, services::url);
        }
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
        String path = concrete(pattern);
        String body = route.ownership() instanceof Route.Ownership.ServiceInBody(String field)
                ? "{\"" + field + "\": \"shop-api\"}"
                : "{}";
        var answer = PublicApi.at(port, tokens.get(caller)).send(method, path, body, Map.of());

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

    /** Fills path variables and drops a trailing {@code /**}: a concrete URL the pattern matches. */
    static String concrete(String pattern) {
        String path = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
        return path.replace("{id}", "r-1")
                .replace("{action}", "rollback")
                .replace("{decision}", "approve")
                .replaceAll("\\{[^}]+}", "x");
    }
}
