package dev.runway.gateway.traffic;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Points Spring Cloud Gateway's proxy at the upstream {@link TrafficFilter} chose. It must run after
 * {@link RouteToRequestUrlFilter}, which would otherwise overwrite the URL with the catch-all route's
 * placeholder.
 */
@Component
class UpstreamSelectionFilter implements GlobalFilter, Ordered {

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = exchange.getAttribute(TrafficFilter.TARGET_ATTRIBUTE);
        if (target != null) {
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target);
        }
        return chain.filter(exchange);
    }
}
