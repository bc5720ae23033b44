package dev.runway.common.webflux;

import dev.runway.common.actor.InternalToken;
import dev.runway.common.config.RunwayProperties;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/** Wires the shared reactive pieces: internal auth, actor resolution and the problem+json advice. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import(ReactiveProblemAdvice.class)
public class RunwayWebFluxAutoConfiguration {

    /**
     * Where the internal-token check applies. A service that serves untrusted traffic on the same handler
     * (the gateway's traffic port) declares a bean of this type to exclude it.
     */
    public interface InternalApiExchanges extends Predicate<ServerWebExchange> {}

    @Bean
    ReactiveInternalAuthFilter runwayReactiveInternalAuthFilter(
            RunwayProperties properties, ObjectProvider<InternalApiExchanges> scope, JsonMapper json) {
        Predicate<ServerWebExchange> applies = scope.getIfAvailable(() -> exchange -> true);
        return new ReactiveInternalAuthFilter(
                new InternalToken(properties.internalToken()), properties.protectedPaths(), applies, json);
    }

    @Bean
    WebFluxConfigurer runwayReactiveAuditContextResolver() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new ReactiveAuditContextResolver());
            }
        };
    }
}
