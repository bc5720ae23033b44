package dev.runway.api.frontdoor;

import static dev.runway.api.frontdoor.Peer.CHAOS_SERVICE;
import static dev.runway.api.frontdoor.Peer.FLAG_SERVICE;
import static dev.runway.api.frontdoor.Peer.PLATFORM_API;
import static dev.runway.api.frontdoor.Peer.ROLLOUT_CONTROLLER;
import static dev.runway.api.frontdoor.Peer.SLO_ENGINE;
import static dev.runway.api.frontdoor.Peer.TRAFFIC_GATEWAY;
import static dev.runway.api.identity.Role.ADMIN;
import static dev.runway.api.identity.Role.DEPLOYER;
import static dev.runway.api.identity.Role.SRE;
import static dev.runway.api.identity.Role.VIEWER;

import dev.runway.api.identity.Role;
import java.util.List;
import java.util.Set;

/**
 * The public API, as data: every path under {@code /api/v1} that the front door answers or forwards, and the
 * role each method needs. This is the one place authorization is decided; the authorization matrix test is
 * generated from it, so a route added here is tested without anyone writing a new test.
 *
 * <p>Viewers read everything. Deployers start and steer rollouts of their own teams' services and change the
 * flags those services own (a flag's {@code service}): a deployer's new flag must name one of their team's
 * services, and a flag no team owns is changed only by an sre. Rolling back, pausing and killing a flag need
 * nobody's approval, only the team. SREs act on every service and flag and own SLOs, the error-budget policy,
 * routes and chaos. Admins also manage users, tokens and teams.
 */
public final class PublicRoutes {
    private PublicRoutes() {}

    private static final Set<String> READ = Set.of("GET", "HEAD");

    public static final List<Route> TABLE = List.of(
            // rollout-controller: registry and rollouts
            read("/api/v1/services/**", ROLLOUT_CONTROLLER),
            write("POST", "/api/v1/services", ROLLOUT_CONTROLLER, SRE, none()),
            read("/api/v1/rollouts/**", ROLLOUT_CONTROLLER),
            write("POST", "/api/v1/rollouts", ROLLOUT_CONTROLLER, DEPLOYER, body("service")),
            write("POST", "/api/v1/rollouts/{id}/{action}", ROLLOUT_CONTROLLER, DEPLOYER, rollout("id")),
            // slo-engine (a service's posture lives here, the rest of /services at the controller)
            read("/api/v1/services/{service}/posture", SLO_ENGINE),
            read("/api/v1/slos/**", SLO_ENGINE),
            write("POST", "/api/v1/slos/**", SLO_ENGINE, SRE, none()),
            write("PUT", "/api/v1/slos/**", SLO_ENGINE, SRE, none()),
            write("DELETE", "/api/v1/slos/**", SLO_ENGINE, SRE, none()),
            read("/api/v1/alerts/**", SLO_ENGINE),
            read("/api/v1/policy/**", SLO_ENGINE),
            write("POST", "/api/v1/policy", SLO_ENGINE, SRE, none()),
            // synthetic probes: journeys that check production on a schedule
            read("/api/v1/probes/**", SLO_ENGINE),
            write("POST", "/api/v1/probes", SLO_ENGINE, SRE, none()),
            write("PUT", "/api/v1/probes/{name}", SLO_ENGINE, SRE, none()),
            write("DELETE", "/api/v1/probes/{name}", SLO_ENGINE, SRE, none()),
            write("POST", "/api/v1/probes/{name}/run", SLO_ENGINE, SRE, none()),
            // break-glass: a deployer of the service asks, an sre approves or revokes
            read("/api/v1/break-glass/**", SLO_ENGINE),
            write("POST", "/api/v1/break-glass", SLO_ENGINE, DEPLOYER, body("service")),
            write("POST", "/api/v1/break-glass/{id}/approve", SLO_ENGINE, SRE, none()),
            write("POST", "/api/v1/break-glass/{id}/revoke", SLO_ENGINE, SRE, none()),
            // flag-service: a flag is its owning service's team's; a replace must leave it the team's
            read("/api/v1/flags/**", FLAG_SERVICE),
            write("POST", "/api/v1/flags", FLAG_SERVICE, DEPLOYER, flagOwner("service")),
            write("PUT", "/api/v1/flags/{key}", FLAG_SERVICE, DEPLOYER, allOf(flag("key"), flagOwner("service"))),
            write("POST", "/api/v1/flags/{key}/**", FLAG_SERVICE, DEPLOYER, flag("key")),
            write("PUT", "/api/v1/flags/{key}/**", FLAG_SERVICE, DEPLOYER, flag("key")),
            write("DELETE", "/api/v1/flags/{key}/**", FLAG_SERVICE, DEPLOYER, flag("key")),
            read("/api/v1/segments/**", FLAG_SERVICE),
            write("POST", "/api/v1/segments/**", FLAG_SERVICE, DEPLOYER, none()),
            write("PUT", "/api/v1/segments/**", FLAG_SERVICE, DEPLOYER, none()),
            write("DELETE", "/api/v1/segments/**", FLAG_SERVICE, DEPLOYER, none()),
            read("/api/v1/rings/**", FLAG_SERVICE),
            write("PUT", "/api/v1/rings", FLAG_SERVICE, DEPLOYER, none()),
            read("/api/v1/approvals/**", FLAG_SERVICE),
            write("POST", "/api/v1/approvals/{id}/{decision}", FLAG_SERVICE, DEPLOYER, none()),
            read("/api/v1/environments/**", FLAG_SERVICE),
            write("POST", "/api/v1/environments", FLAG_SERVICE, SRE, none()),
            write("PUT", "/api/v1/environments/{key}/approval", FLAG_SERVICE, SRE, none()),
            // SDK keys are secrets that open flag evaluation to an application
            read("/api/v1/environments/{environment}/sdk-keys", FLAG_SERVICE, ADMIN),
            write("POST", "/api/v1/environments/{environment}/sdk-keys", FLAG_SERVICE, ADMIN, none()),
            write("DELETE", "/api/v1/environments/{environment}/sdk-keys/{id}", FLAG_SERVICE, ADMIN, none()),
            // chaos-service: stopping chaos is a safety action like a rollback; starting it is the sre's
            read("/api/v1/halt/**", CHAOS_SERVICE),
            write("POST", "/api/v1/halt", CHAOS_SERVICE, DEPLOYER, none()),
            write("DELETE", "/api/v1/halt", CHAOS_SERVICE, SRE, none()),
            read("/api/v1/experiments/**", CHAOS_SERVICE),
            write("POST", "/api/v1/experiments/**", CHAOS_SERVICE, SRE, none()),
            write("PUT", "/api/v1/experiments/**", CHAOS_SERVICE, SRE, none()),
            write("DELETE", "/api/v1/experiments/**", CHAOS_SERVICE, SRE, none()),
            // traffic-gateway admin: routes are the controller's to steer; people change them as sre
            read("/api/v1/routes/**", TRAFFIC_GATEWAY),
            write("POST", "/api/v1/routes/**", TRAFFIC_GATEWAY, SRE, none()),
            write("PUT", "/api/v1/routes/**", TRAFFIC_GATEWAY, SRE, none()),
            write("DELETE", "/api/v1/routes/**", TRAFFIC_GATEWAY, SRE, none()),
            read("/api/v1/faults/**", TRAFFIC_GATEWAY),
            write("DELETE", "/api/v1/faults/**", TRAFFIC_GATEWAY, SRE, none()),
            // platform-api itself
            read("/api/v1/me", PLATFORM_API),
            read("/api/v1/openapi", PLATFORM_API),
            read("/api/v1/teams/**", PLATFORM_API),
            write("POST", "/api/v1/teams", PLATFORM_API, ADMIN, none()),
            read("/api/v1/users/**", PLATFORM_API, ADMIN),
            write("POST", "/api/v1/users", PLATFORM_API, ADMIN, none()),
            write("PUT", "/api/v1/users/{name}", PLATFORM_API, ADMIN, none()),
            read("/api/v1/tokens/**", PLATFORM_API, ADMIN),
            write("POST", "/api/v1/tokens", PLATFORM_API, ADMIN, none()),
            write("DELETE", "/api/v1/tokens/{id}", PLATFORM_API, ADMIN, none()),
            read("/api/v1/deployments/**", PLATFORM_API),
            write("POST", "/api/v1/deployments", PLATFORM_API, DEPLOYER, body("service")),
            new Route(Set.of("POST"), "/api/v1/webhooks/github", PLATFORM_API, new Route.Access.Public(), none()),
            read("/api/v1/audit/**", PLATFORM_API),
            read("/api/v1/capability/**", PLATFORM_API),
            read("/api/v1/maturity/**", PLATFORM_API));

    private static Route read(String pattern, Peer peer) {
        return read(pattern, peer, VIEWER);
    }

    private static Route read(String pattern, Peer peer, Role role) {
        return new Route(READ, pattern, peer, new Route.Access.Requires(role), none());
    }

    private static Route write(String method, String pattern, Peer peer, Role role, Route.Ownership ownership) {
        return new Route(Set.of(method), pattern, peer, new Route.Access.Requires(role), ownership);
    }

    private static Route.Ownership none() {
        return new Route.Ownership.None();
    }

    private static Route.Ownership body(String field) {
        return new Route.Ownership.ServiceInBody(field);
    }

    private static Route.Ownership rollout(String variable) {
        return new Route.Ownership.RolloutInPath(variable);
    }

    private static Route.Ownership flag(String variable) {
        return new Route.Ownership.FlagInPath(variable);
    }

    private static Route.Ownership flagOwner(String field) {
        return new Route.Ownership.FlagOwnerInBody(field);
    }

    private static Route.Ownership allOf(Route.Ownership... each) {
        return new Route.Ownership.AllOf(List.of(each));
    }
}
