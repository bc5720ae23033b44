package dev.runway.slo.access;

import dev.runway.common.actor.ActorKind;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.RunwayHeaders;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import java.util.List;

/**
 * Who may change what governs risk: the error-budget policy, SLO definitions, break-glass records and
 * probes. Only people (a user or their API token, as authenticated by the front door) holding role
 * {@code sre}, or admin, may. Services and the system itself never edit these: nothing in the platform needs
 * to, and an internal caller naming no role would otherwise bypass the check the front door exists for.
 */
public final class Editors {
    public static final String ROLE = "sre";

    private Editors() {}

    /**
     * Refuses with 403 problem+json naming the missing role.
     *
     * @param what the change refused, for the message ("edit the error-budget policy")
     */
    public static void requireSre(AuditContext context, String what) {
        ActorKind kind = context.actor().kind();
        boolean person = kind == ActorKind.USER || kind == ActorKind.TOKEN;
        if (person && context.hasRole(ROLE)) {
            return;
        }
        String detail = person
                ? context.actor().name() + " may not " + what + ": role '" + ROLE + "' (or admin) is required"
                : "a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " caller ("
                        + context.actor().name() + ") may not " + what + ": only a person with role '" + ROLE
                        + "' (or admin) may";
        throw new ApiProblem(
                403,
                "forbidden",
                "Forbidden",
                detail,
                List.of(new FieldViolation(RunwayHeaders.ACTOR_ROLES, "role '" + ROLE + "' is required")));
    }
}
