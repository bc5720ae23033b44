package dev.runway.api.identity;

import dev.runway.common.actor.Actor;
import dev.runway.common.actor.ActorKind;
import dev.runway.common.actor.AuditContext;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

/**
 * Who the front door authenticated: a console user, an API token, the bootstrap admin token or another
 * platform service holding the internal token.
 *
 * @param teams the teams whose services a deployer may change; ignored for sre and admin, who act on every
 *     service
 */
public record Caller(String name, ActorKind kind, Set<Role> roles, Set<String> teams) {
    public Caller {
        roles = Set.copyOf(roles);
        teams = Set.copyOf(teams);
    }

    public boolean has(Role required) {
        return roles.stream().anyMatch(role -> role.includes(required));
    }

    /** The highest role held, for messages ("you are a viewer"). */
    public Role highest() {
        return roles.stream().max(Comparator.naturalOrder()).orElse(Role.VIEWER);
    }

    /** Whether this caller may change services of {@code team}: team members, and sre or admin on any team. */
    public boolean actsFor(String team) {
        return has(Role.SRE) || teams.contains(team);
    }

    /** The identity handed to audit records and onward calls, with every role held spelled out. */
    public AuditContext context(String reason) {
        Set<String> keys = new HashSet<>();
        roles.forEach(role -> keys.addAll(role.impliedKeys()));
        return new AuditContext(new Actor(name, kind), reason, keys);
    }
}
