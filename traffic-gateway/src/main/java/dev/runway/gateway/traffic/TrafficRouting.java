package dev.runway.gateway.traffic;

import dev.runway.common.webflux.RunwayWebFluxAutoConfiguration.InternalApiExchanges;
import io.micrometer.observation.ObservationPredicate;
import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * One catch-all Spring Cloud Gateway route that takes every request arriving on the traffic port and
 * nothing else; {@link UpstreamSelectionFilter} decides where it goes.
 */
@Configuration(proxyBeanMethods = false)
class TrafficRouting {

    @Bean
    RouteLocator trafficRoute(RouteLocatorBuilder routes, TrafficServer traffic) {
        return routes.routes()
                .route("traffic", r -> r.predicate(exchange -> traffic.isTrafficPort(localPort(exchange)))
                        // Replaced per request by UpstreamSelectionFilter; never contacted.
                        .uri("http://upstream.invalid"))
                .build();
    }

    /**
     * No server observation (timer, trace) for user traffic: the gateway measures it per route and version
     * itself, and the generic observation costs a noticeable share of the proxy's CPU. The admin port stays
     * observed; trace headers on user requests are forwarded to the upstream unchanged.
     */
    @Bean
    ObservationPredicate noServerObservationOnTheTrafficPort(TrafficServer traffic) {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && traffic.isTrafficPort(localPort(server.getCarrier())));
    }

    @Bean
    InternalApiExchanges adminPortOnly(TrafficServer traffic) {
        return exchange -> !traffic.isTrafficPort(localPort(exchange));
    }

    static int localPort(ServerWebExchange exchange) {
        return localPort(exchange.getRequest());
    }

    static int localPort(ServerHttpRequest request) {
        InetSocketAddress local = request.getLocalAddress();
        return local == null ? -1 : local.getPort();
    }
}
