package dev.runway.gateway.traffic;

import dev.runway.common.webflux.RunwayWebFluxAutoConfiguration.InternalApiExchanges;
import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    @Bean
    InternalApiExchanges adminPortOnly(TrafficServer traffic) {
        return exchange -> !traffic.isTrafficPort(localPort(exchange));
    }

    static int localPort(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return local == null ? -1 : local.getPort();
    }
}
