package dev.runway.common.web;

import dev.runway.common.actor.InternalToken;
import dev.runway.common.config.RunwayProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Wires the shared servlet pieces: internal auth, actor resolution and the problem+json advice. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(MvcProblemAdvice.class)
public class RunwayWebMvcAutoConfiguration {

    @Bean
    FilterRegistrationBean<InternalAuthFilter> runwayInternalAuthFilter(RunwayProperties properties, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new InternalAuthFilter(
                new InternalToken(properties.internalToken()), properties.protectedPaths(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebMvcConfigurer runwayAuditContextResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new AuditContextArgumentResolver());
            }
        };
    }
}
