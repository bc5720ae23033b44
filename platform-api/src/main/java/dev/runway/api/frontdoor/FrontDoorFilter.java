package dev.runway.api.frontdoor;

import dev.runway.api.identity.Authenticator;
import dev.runway.api.identity.Caller;
import dev.runway.api.identity.CallerAttribute;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.RunwayHeaders;
import dev.runway.common.problem.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authentication and authorization of the whole public API in one place: every call under {@code /api/}
 * passes here before it reaches platform-api's own handlers or is forwarded to a service. What the handlers
 * and services receive is the authenticated caller as an {@link AuditContext} (actor, kind, reason, roles).
 */
final class FrontDoorFilter extends OncePerRequestFilter {
    /** Where the common argument resolver looks for the request's {@link AuditContext}. */
    static final String CONTEXT_ATTRIBUTE = AuditContext.REQUEST_ATTRIBUTE;

    static final String MATCH_ATTRIBUTE = RouteTable.Match.class.getName();
    static final String BODY_ATTRIBUTE = BufferedRequest.class.getName();

    private final Authenticator authenticator;
    private final RouteTable routes;
    private final Gatekeeper gatekeeper;
    private final ProblemResponses problems;

    FrontDoorFilter(Authenticator authenticator, RouteTable routes, Gatekeeper gatekeeper, ProblemResponses problems) {
        this.authenticator = authenticator;
        this.routes = routes;
        this.gatekeeper = gatekeeper;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            String reason = request.getHeader(RunwayHeaders.REASON);
            var match = routes.match(request.getMethod(), path);
            boolean isPublic = match.map(m -> m.route().access() instanceof Route.Access.Public)
                    .orElse(false);
            Caller caller = null;
            var outcome = authenticator.authenticate(
                    request.getHeader("Authorization"),
                    request.getHeader(RunwayHeaders.INTERNAL_TOKEN),
                    AuditContext.fromHeaders(
                            request.getHeader(RunwayHeaders.ACTOR),
                            request.getHeader(RunwayHeaders.ACTOR_KIND),
                            reason));
            switch (outcome) {
                case Authenticator.Outcome.Authenticated(Caller authenticated) -> caller = authenticated;
                case Authenticator.Outcome.Missing missing -> {
                    if (!isPublic) {
                        throw ApiProblem.unauthorized(
                                "this API needs a token: send 'Authorization: Bearer <token>' (./platform prints the"
                                        + " admin token; admins create more with POST /api/v1/tokens)");
                    }
                }
                case Authenticator.Outcome.Refused(String why) -> {
                    if (!isPublic) {
                        throw ApiProblem.unauthorized(why);
                    }
                }
            }
            if (match.isEmpty()) {
                throw new ApiProblem(
                        404,
                        "not-found",
                        "Not found",
                        "the public API has no " + request.getMethod() + " " + path,
                        List.of());
            }
            BufferedRequest buffered = BufferedRequest.of(request);
            if (caller != null) {
                AuditContext context = caller.context(reason);
                gatekeeper.authorize(caller, match.get(), buffered.body(), context);
                buffered.setAttribute(CONTEXT_ATTRIBUTE, context);
                buffered.setAttribute(CallerAttribute.NAME, caller);
            }
            buffered.setAttribute(MATCH_ATTRIBUTE, match.get());
            buffered.setAttribute(BODY_ATTRIBUTE, buffered);
            chain.doFilter(buffered, response);
        } catch (ApiProblem | Gatekeeper.Forbidden refusal) {
            problems.write(response, path, refusal);
        }
    }
}
