package dev.runway.common.webflux;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.InternalToken;
import dev.runway.common.actor.RunwayHeaders;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.Problems;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reactive twin of the servlet internal-auth filter (the gateway is reactive). A predicate on the
 * exchange narrows where the check applies, so that the gateway's traffic port is never mistaken for its
 * admin API.
 */
final class ReactiveInternalAuthFilter implements WebFilter, Ordered {
    static final String CONTEXT_ATTRIBUTE = AuditContext.REQUEST_ATTRIBUTE;

    private final InternalToken token;
    private final List<PathPattern> protectedPaths;
    private final Predicate<ServerWebExchange> applies;
    private final JsonMapper json;

    ReactiveInternalAuthFilter(
            InternalToken token, List<String> protectedPaths, Predicate<ServerWebExchange> applies, JsonMapper json) {
        this.token = token;
        this.protectedPaths = protectedPaths.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.applies = applies;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!applies.test(exchange) || protectedPaths.stream().noneMatch(p -> p.matches(path))) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (!token.matches(headers.getFirst(RunwayHeaders.INTERNAL_TOKEN))) {
            var problem = Problems.of(ApiProblem.unauthorized("this API takes calls from the platform's own "
                    + "services only: use the public API on platform-api with a token"));
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            byte[] body = json.writeValueAsBytes(problem);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        }
        exchange.getAttributes()
                .put(
                        CONTEXT_ATTRIBUTE,
                        AuditContext.fromHeaders(
                                headers.getFirst(RunwayHeaders.ACTOR),
                                headers.getFirst(RunwayHeaders.ACTOR_KIND),
                                headers.getFirst(RunwayHeaders.REASON),
                                headers.getFirst(RunwayHeaders.ACTOR_ROLES)));
        return chain.filter(exchange);
    }
}
