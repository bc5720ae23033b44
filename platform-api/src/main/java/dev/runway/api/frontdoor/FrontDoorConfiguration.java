package dev.runway.api.frontdoor;

import dev.runway.api.identity.Authenticator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class FrontDoorConfiguration {
    @Bean
    RouteTable publicRoutes() {
        return new RouteTable(PublicRoutes.TABLE);
    }

    @Bean
    FilterRegistrationBean<FrontDoorFilter> frontDoorFilter(
            Authenticator authenticator, RouteTable routes, Gatekeeper gatekeeper, ProblemResponses problems) {
        var registration =
                new FilterRegistrationBean<>(new FrontDoorFilter(authenticator, routes, gatekeeper, problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
