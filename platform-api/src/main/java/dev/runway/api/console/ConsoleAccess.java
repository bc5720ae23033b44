package dev.runway.api.console;

import dev.runway.api.frontdoor.Gatekeeper;
import dev.runway.api.frontdoor.RouteTable;
import dev.runway.api.identity.Caller;
import dev.runway.api.identity.ConsoleUsers;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The console asks the same route table and gatekeeper as the public API: a control is rendered only when
 * the API call behind it would be allowed, and the action re-checks before it calls.
 */
@Component
class ConsoleAccess {
    private final RouteTable routes;
    private final Gatekeeper gatekeeper;

    ConsoleAccess(RouteTable routes, Gatekeeper gatekeeper) {
        this.routes = routes;
        this.gatekeeper = gatekeeper;
    }

    Caller caller() {
        return ConsoleUsers.callerOf(SecurityContextHolder.getContext().getAuthentication());
    }

    AuditContext context(String reason) {
        return caller().context(reason);
    }

    /**
     * Whether to render a control. Ownership is decided as for the API call (a flag's owner and the team of its
     * service are looked up); when that cannot be decided (a service is down) no control is shown, and the
     * action would report the problem anyway.
     */
    boolean may(String method, String path) {
        try {
            require(method, path, null, context(""));
            return true;
        } catch (Gatekeeper.Forbidden | ApiProblem undecided) {
            return false;
        }
    }

    /** Throws {@link Gatekeeper.Forbidden} naming the missing role. */
    void require(String method, String path, byte[] body, AuditContext context) {
        var match = routes.match(method, path)
                .orElseThrow(() -> new IllegalStateException(
                        "the console calls " + method + " " + path + ", which the route table does not have"));
        gatekeeper.authorize(caller(), match, body, context);
    }
}
