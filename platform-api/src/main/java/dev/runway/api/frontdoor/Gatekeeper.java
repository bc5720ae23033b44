package dev.runway.api.frontdoor;

import dev.runway.api.identity.Caller;
import dev.runway.api.identity.Role;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides whether a caller may use a route: the role first, then, for a deployer, whether the service
 * belongs to one of the caller's teams. The owning team comes from the rollout-controller's registry.
 */
@Component
public class Gatekeeper {
    private final Peers peers;
    private final JsonMapper json;

    Gatekeeper(Peers peers, JsonMapper json) {
        this.peers = peers;
        this.json = json;
    }

    /** Throws a 403 problem naming what is missing. */
    public void authorize(Caller caller, RouteTable.Match match, byte[] body, AuditContext context) {
        Route route = match.route();
        if (!(route.access() instanceof Route.Access.Requires(Role required))) {
            return;
        }
        if (!caller.has(required)) {
            throw forbidden(
                    required,
                    "this needs the " + required.key() + " role; " + caller.name() + " has "
                            + caller.roles().stream().sorted().map(Role::key).toList());
        }
        if (caller.has(Role.SRE)) {
            return;
        }
        Optional<String> service =
                switch (route.ownership()) {
                    case Route.Ownership.None none -> Optional.empty();
                    case Route.Ownership.ServiceInPath(String variable) ->
                        Optional.ofNullable(match.variables().get(variable));
                    case Route.Ownership.ServiceInBody(String field) -> serviceInBody(body, field);
                    case Route.Ownership.RolloutInPath(String variable) ->
                        rolloutService(match.variables().get(variable), context);
                };
        service.flatMap(name -> owningTeam(name, context)).ifPresent(team -> {
            if (!caller.actsFor(team)) {
                throw forbidden(
                        Role.DEPLOYER,
                        "this needs the deployer role in team '" + team + "', which owns the service; " + caller.name()
                                + " acts for "
                                + caller.teams().stream().sorted().toList());
            }
        });
    }

    /** The service a rollout belongs to; empty for an id that cannot exist (the controller answers 404). */
    private Optional<String> rolloutService(String id, AuditContext context) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,128}")) {
            return Optional.empty();
        }
        return peers.find(Peer.ROLLOUT_CONTROLLER, "/api/v1/rollouts/" + id, context)
                .map(rollout -> rollout.path("service").asString(null));
    }

    /** The team owning a registered service; empty for an unknown one (its own API answers that). */
    public Optional<String> owningTeam(String service, AuditContext context) {
        if (service.isBlank() || !service.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        return peers.find(Peer.ROLLOUT_CONTROLLER, "/api/v1/services/" + service, context)
                .map(s -> s.path("team").asString(null));
    }

    private Optional<String> serviceInBody(byte[] body, String field) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode value = node.path(field);
            return value.isString() ? Optional.of(value.asString()) : Optional.empty();
        } catch (RuntimeException unreadable) {
            // the handler behind answers malformed JSON with a problem naming the body
            return Optional.empty();
        }
    }

    static Forbidden forbidden(Role missing, String detail) {
        return new Forbidden(missing, detail);
    }

    /** A refusal for want of a role (or of team membership): a 403 naming the missing role. */
    public static final class Forbidden extends RuntimeException {
        private final Role missing;

        Forbidden(Role missing, String detail) {
            super(detail);
            this.missing = missing;
        }

        public Role missing() {
            return missing;
        }

        public org.springframework.http.ProblemDetail problem() {
            var problem = dev.runway.common.problem.Problems.of(ApiProblem.forbidden(getMessage()));
            problem.setProperty("missingRole", missing.key());
            return problem;
        }
    }
}
