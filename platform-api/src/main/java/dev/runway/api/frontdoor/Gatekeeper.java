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
 * Decides whether a caller may use a route: the role first, then, for a deployer, whether the service (or the
 * flag's owning service) belongs to one of the caller's teams. The owning team comes from the
 * rollout-controller's registry, a flag's owning service from the flag-service.
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
        requireOwnership(caller, route.ownership(), match, body, context);
    }

    /** A deployer's check: the service (or flag) the call changes must belong to one of the caller's teams. */
    private void requireOwnership(
            Caller caller, Route.Ownership ownership, RouteTable.Match match, byte[] body, AuditContext context) {
        switch (ownership) {
            case Route.Ownership.None none -> {}
            case Route.Ownership.ServiceInPath(String variable) ->
                Optional.ofNullable(match.variables().get(variable))
                        .ifPresent(service -> requireTeamIfOwned(caller, service, context));
            case Route.Ownership.ServiceInBody(String field) ->
                serviceInBody(body, field).ifPresent(service -> requireTeamIfOwned(caller, service, context));
            case Route.Ownership.RolloutInPath(String variable) ->
                rolloutService(match.variables().get(variable), context)
                        .ifPresent(service -> requireTeamIfOwned(caller, service, context));
            case Route.Ownership.FlagInPath(String variable) ->
                requireFlagOwner(caller, match.variables().get(variable), context);
            case Route.Ownership.FlagOwnerInBody(String field) ->
                requireNewFlagOwner(caller, serviceInBody(body, field), field, context);
            case Route.Ownership.AllOf(var each) ->
                each.forEach(part -> requireOwnership(caller, part, match, body, context));
        }
    }

    /** A service no team owns, or that is unknown, is left to the service's own API to answer. */
    private void requireTeamIfOwned(Caller caller, String service, AuditContext context) {
        owningTeam(service, context).ifPresent(team -> requireMember(caller, team, "the service"));
    }

    /**
     * The owner of an existing flag, or of a deleted one (its last version), must be the caller's team's. An
     * unknown flag passes: the flag-service answers 404.
     */
    private void requireFlagOwner(Caller caller, String key, AuditContext context) {
        Optional<JsonNode> flag = flagDocument(key, context);
        if (flag.isEmpty()) {
            return;
        }
        JsonNode owner = flag.get().path("service");
        if (!owner.isString()) {
            throw forbidden(
                    Role.SRE,
                    "flag '" + key + "' has no owning service, so only an sre or admin may change it; an sre gives it"
                            + " one with PUT /api/v1/flags/" + key + " naming \"service\"");
        }
        requireFlagTeam(
                caller, owner.asString(), "flag '" + key + "' belongs to service '" + owner.asString() + "'", context);
    }

    /** The owner a deployer gives a flag (creating or replacing it) must be one of their team's services. */
    private void requireNewFlagOwner(Caller caller, Optional<String> service, String field, AuditContext context) {
        if (service.isEmpty()) {
            throw forbidden(
                    Role.SRE,
                    "a deployer's flag must name its service: add \"" + field + "\" with a service of your team ("
                            + String.join(", ", caller.teams().stream().sorted().toList())
                            + "); only an sre or admin may write a flag no team owns");
        }
        requireFlagTeam(caller, service.get(), "the flag is for service '" + service.get() + "'", context);
    }

    /**
     * The flag-service cannot check that an owner is registered, so a service no team owns does not pass here
     * as it does for the services' own APIs: such a flag is the sre's.
     */
    private void requireFlagTeam(Caller caller, String service, String whose, AuditContext context) {
        String team = owningTeam(service, context)
                .orElseThrow(() -> forbidden(
                        Role.SRE,
                        whose + ", which no team owns in the rollout-controller's registry; only an sre or admin may"
                                + " change that flag"));
        requireMember(caller, team, "the flag's service '" + service + "'");
    }

    private static void requireMember(Caller caller, String team, String what) {
        if (!caller.actsFor(team)) {
            throw forbidden(
                    Role.DEPLOYER,
                    "this needs the deployer role in team '" + team + "', which owns " + what + "; " + caller.name()
                            + " acts for "
                            + caller.teams().stream().sorted().toList());
        }
    }

    /**
     * The flag's current document, or for a deleted flag the document it was deleted with (a restore would bring
     * it back with that owner); empty for a flag that never existed.
     */
    private Optional<JsonNode> flagDocument(String key, AuditContext context) {
        if (!identifier(key)) {
            return Optional.empty();
        }
        String path = "/api/v1/flags/" + key;
        return peers.find(Peer.FLAG_SERVICE, path, context)
                .map(stored -> stored.path("flag"))
                .or(() -> peers.find(Peer.FLAG_SERVICE, path + "/versions", context)
                        .filter(versions -> !versions.isEmpty())
                        .map(versions -> versions.get(versions.size() - 1).path("flag")));
    }

    /** The service a rollout belongs to; empty for an id that cannot exist (the controller answers 404). */
    private Optional<String> rolloutService(String id, AuditContext context) {
        if (!identifier(id)) {
            return Optional.empty();
        }
        return peers.find(Peer.ROLLOUT_CONTROLLER, "/api/v1/rollouts/" + id, context)
                .map(rollout -> rollout.path("service").asString(null));
    }

    /** Whether a path variable can be put in a service's URL as it is (else the service answers it). */
    private static boolean identifier(String value) {
        return value != null && value.matches("[A-Za-z0-9._-]{1,128}");
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
