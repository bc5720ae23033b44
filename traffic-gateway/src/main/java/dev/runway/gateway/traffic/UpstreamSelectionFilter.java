package dev.runway.gateway.traffic;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.Problems;
import dev.runway.gateway.route.RoutingTableHolder;
import dev.runway.gateway.route.table.Route;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Picks the upstream for a request from the platform's routing table, after Spring Cloud Gateway has placed
 * it on the single catch-all traffic route: route lookup is ours (constant in the number of routes), the
 * proxying is Spring Cloud Gateway's.
 */
@Component
class UpstreamSelectionFilter implements GlobalFilter, Ordered {
    static final String VERSION_ATTRIBUTE = "runway.version";
    static final String ROUTE_ATTRIBUTE = "runway.route";

    private final RoutingTableHolder table;
    private final JsonMapper json;
    private final ConcurrentHashMap<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();

    UpstreamSelectionFilter(RoutingTableHolder table, JsonMapper json) {
        this.table = table;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI requested = exchange.getRequest().getURI();
        Optional<Route> match = table.current().match(requested.getRawPath());
        if (match.isEmpty()) {
            return noRoute(exchange, requested.getRawPath());
        }
        Route route = match.get();
        boolean canary = route.canaryWeight() > 0
                && ThreadLocalRandom.current().nextInt(Route.FULL_WEIGHT) < route.canaryWeight();
        List<String> pool = canary ? route.canary() : route.stable();
        String upstream = pick(route.id() + (canary ? "/canary" : "/stable"), pool);
        URI target = UriComponentsBuilder.fromUriString(upstream)
                .path(requested.getRawPath())
                .query(requested.getRawQuery())
                .build(true)
                .toUri();
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target);
        exchange.getAttributes().put(ROUTE_ATTRIBUTE, route.id());
        exchange.getAttributes().put(VERSION_ATTRIBUTE, canary ? "canary" : "stable");
        return chain.filter(exchange);
    }

    private String pick(String pool, List<String> upstreams) {
        if (upstreams.size() == 1) {
            return upstreams.getFirst();
        }
        int next = roundRobin.computeIfAbsent(pool, key -> new AtomicInteger()).getAndIncrement();
        return upstreams.get(Math.floorMod(next, upstreams.size()));
    }

    private Mono<Void> noRoute(ServerWebExchange exchange, String path) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.NOT_FOUND);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(Problems.of(ApiProblem.notFound("route for path", path)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
