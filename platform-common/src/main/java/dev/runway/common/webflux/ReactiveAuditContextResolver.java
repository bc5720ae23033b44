package dev.runway.common.webflux;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.RunwayHeaders;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Lets a reactive handler declare {@code AuditContext context}. */
final class ReactiveAuditContextResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuditContext.class;
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        Object resolved = exchange.getAttribute(ReactiveInternalAuthFilter.CONTEXT_ATTRIBUTE);
        if (resolved instanceof AuditContext context) {
            return Mono.just(context);
        }
        return Mono.just(AuditContext.fromHeaders(
                "anonymous", "USER", exchange.getRequest().getHeaders().getFirst(RunwayHeaders.REASON)));
    }
}
