package dev.runway.common.web;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.InternalToken;
import dev.runway.common.actor.RunwayHeaders;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets through only calls that carry the platform's internal token on the service APIs, and records who the
 * caller acts for. Services sit behind the front door (platform-api), which authenticates people and tokens.
 */
final class InternalAuthFilter extends OncePerRequestFilter {
    static final String CONTEXT_ATTRIBUTE = AuditContext.REQUEST_ATTRIBUTE;

    private final InternalToken token;
    private final List<String> protectedPaths;
    private final JsonMapper json;
    private final AntPathMatcher matcher = new AntPathMatcher();

    InternalAuthFilter(InternalToken token, List<String> protectedPaths, JsonMapper json) {
        this.token = token;
        this.protectedPaths = protectedPaths;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return protectedPaths.stream().noneMatch(pattern -> matcher.match(pattern, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!token.matches(request.getHeader(RunwayHeaders.INTERNAL_TOKEN))) {
            var problem =
                    Problems.of(ApiProblem.unauthorized("this API takes calls from the platform's own services only: "
                            + "use the public API on platform-api with a token"));
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            response.setStatus(401);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        request.setAttribute(
                CONTEXT_ATTRIBUTE,
                AuditContext.fromHeaders(
                        request.getHeader(RunwayHeaders.ACTOR),
                        request.getHeader(RunwayHeaders.ACTOR_KIND),
                        request.getHeader(RunwayHeaders.REASON),
                        request.getHeader(RunwayHeaders.ACTOR_ROLES)));
        chain.doFilter(request, response);
    }
}
