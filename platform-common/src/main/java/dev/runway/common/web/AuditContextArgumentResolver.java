package dev.runway.common.web;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.RunwayHeaders;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a handler declare {@code AuditContext context} and receive who is calling and why. */
final class AuditContextArgumentResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuditContext.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object resolved = request.getAttribute(InternalAuthFilter.CONTEXT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (resolved instanceof AuditContext context) {
            return context;
        }
        // Paths outside the internal-token check (e.g. SDK endpoints) still get an honest attribution.
        return AuditContext.fromHeaders("anonymous", "USER", request.getHeader(RunwayHeaders.REASON));
    }
}
