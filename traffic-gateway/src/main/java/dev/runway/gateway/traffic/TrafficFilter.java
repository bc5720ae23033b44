package dev.runway.gateway.traffic;

import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.Problems;
import dev.runway.gateway.fault.FaultBook;
import dev.runway.gateway.fault.rule.FaultAction;
import dev.runway.gateway.metrics.RequestMetrics;
import dev.runway.gateway.route.RoutingTableHolder;
import dev.runway.gateway.route.table.KeySource;
import dev.runway.gateway.route.table.Route;
import dev.runway.gateway.route.table.Version;
import dev.runway.gateway.shadow.CapturingResponse;
import dev.runway.gateway.shadow.ShadowCall;
import dev.runway.gateway.shadow.ShadowMirror;
import dev.runway.gateway.shadow.diff.MirrorPolicy;
import dev.runway.gateway.traffic.assign.Assignment;
import dev.runway.gateway.traffic.assign.VersionAssigner;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data plane's decisions for one request, in memory only (it runs on the event loop): the route (by host
 * and path, constant in the number of routes), the version (rings, pin, sticky bucket, draw), the upstream
 * (round robin in the version's pool), an injected fault, a shadow copy; and, when the exchange ends, the
 * per-version metrics.
 *
 * <p>It runs before {@link NettyWriteResponseFilter} so that its timing covers the whole exchange, response
 * written included, and so that a shadowed request's response can be copied on its way out. The proxying
 * itself stays Spring Cloud Gateway's; {@link UpstreamSelectionFilter} hands it the chosen URL.
 */
@Component
class TrafficFilter implements GlobalFilter, Ordered {
    static final String TARGET_ATTRIBUTE = "runway.target";
    static final String ROUTE_ATTRIBUTE = "runway.route";
    static final String VERSION_ATTRIBUTE = "runway.version";
    static final String FAULT_HEADER = "X-Runway-Fault";
    static final String EXPERIMENT_HEADER = "X-Runway-Experiment";
    private static final Duration ISSUED_COOKIE_AGE = Duration.ofDays(365);

    private final RoutingTableHolder table;
    private final FaultBook faults;
    private final RequestMetrics metrics;
    private final ShadowMirror mirror;
    private final JsonMapper json;
    private final ConcurrentHashMap<String, AtomicInteger[]> roundRobin = new ConcurrentHashMap<>();

    TrafficFilter(
            RoutingTableHolder table, FaultBook faults, RequestMetrics metrics, ShadowMirror mirror, JsonMapper json) {
        this.table = table;
        this.faults = faults;
        this.metrics = metrics;
        this.mirror = mirror;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        URI requested = request.getURI();
        Route route = table.current().match(request.getHeaders().getFirst(HttpHeaders.HOST), requested.getRawPath());
        if (route == null) {
            return noRoute(exchange, requested.getRawPath());
        }
        long start = System.nanoTime();
        ExchangeView view = new ExchangeView(request);
        String key = VersionAssigner.stickyKey(route, view);
        if (key == null && route.hasCanary() && route.stickiness().source() == KeySource.ISSUED_COOKIE) {
            key = issueCookie(exchange.getResponse(), route.stickiness().name());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Assignment assignment = VersionAssigner.assign(route, view, key, () -> random.nextInt(Route.FULL_WEIGHT));
        Version version = assignment.version();
        exchange.getAttributes().put(TARGET_ATTRIBUTE, target(route, version, requested));
        exchange.getAttributes().put(ROUTE_ATTRIBUTE, route.id());
        exchange.getAttributes().put(VERSION_ATTRIBUTE, version.tag());

        Optional<FaultAction> fault = faults.select(route.id(), version, view::header);
        if (fault.isPresent()) {
            FaultAction hit = fault.get();
            return withFault(exchange, chain, hit)
                    .doFinally(signal -> metrics.record(
                            route.id(), version, hit, statusAt(signal, exchange), System.nanoTime() - start));
        }
        if (MirrorPolicy.copies(route.shadow(), request.getMethod().name(), random.nextInt(Route.FULL_WEIGHT))) {
            return mirrored(exchange, chain, route, version, start);
        }
        return timed(chain.filter(exchange), exchange, route, version, start, null, null);
    }

    private Mono<Void> timed(
            Mono<Void> work,
            ServerWebExchange exchange,
            Route route,
            Version version,
            long start,
            ShadowCall call,
            CapturingResponse capture) {
        return work.doFinally(signal -> {
            metrics.record(route.id(), version, statusAt(signal, exchange), System.nanoTime() - start);
            if (call != null) {
                if (signal == SignalType.ON_COMPLETE) {
                    call.primaryFinished(capture);
                } else {
                    call.primaryAbandoned();
                }
            }
        });
    }

    /** Reads a mirrored request's body once (bounded) so that the primary and the copy both get it. */
    private Mono<Void> mirrored(
            ServerWebExchange exchange, GatewayFilterChain chain, Route route, Version version, long start) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long length = headers.getContentLength();
        boolean hasBody = length > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (!hasBody) {
            return withCopy(exchange, chain, route, version, start, null);
        }
        if (length < 0 || length > mirror.maxRequestBodyBytes()) {
            mirror.skipped(route, length < 0 ? "body-length-unknown" : "body-too-large");
            return timed(chain.filter(exchange), exchange, route, version, start, null, null);
        }
        ServerHttpRequest request = exchange.getRequest();
        return DataBufferUtils.join(request.getBody(), mirror.maxRequestBodyBytes())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    ServerHttpRequest replay = new ServerHttpRequestDecorator(request) {
                        @Override
                        public Flux<org.springframework.core.io.buffer.DataBuffer> getBody() {
                            return Flux.defer(() -> Flux.just(
                                    exchange.getResponse().bufferFactory().wrap(bytes)));
                        }
                    };
                    return withCopy(exchange.mutate().request(replay).build(), chain, route, version, start, bytes);
                });
    }

    private Mono<Void> withCopy(
            ServerWebExchange exchange,
            GatewayFilterChain chain,
            Route route,
            Version version,
            long start,
            byte[] body) {
        ShadowCall call = mirror.mirror(route, exchange.getRequest(), body);
        if (call == null) {
            return timed(chain.filter(exchange), exchange, route, version, start, null, null);
        }
        CapturingResponse capture = call.capture(exchange.getResponse());
        ServerWebExchange capturing = exchange.mutate().response(capture).build();
        return timed(chain.filter(capturing), exchange, route, version, start, call, capture);
    }

    private Mono<Void> withFault(ServerWebExchange exchange, GatewayFilterChain chain, FaultAction fault) {
        exchange.getResponse().getHeaders().set(FAULT_HEADER, fault.faultId());
        if (fault.experiment() != null) {
            exchange.getResponse().getHeaders().set(EXPERIMENT_HEADER, fault.experiment());
        }
        Mono<Void> then = fault.aborts() ? abort(exchange, fault) : chain.filter(exchange);
        return fault.delayMs() > 0
                ? Mono.delay(Duration.ofMillis(fault.delayMs())).then(then)
                : then;
    }

    private Mono<Void> abort(ServerWebExchange exchange, FaultAction fault) {
        return write(
                exchange.getResponse(),
                Problems.build(
                        fault.abortStatus(),
                        "fault-injected",
                        "Injected fault",
                        "fault " + fault.faultId() + " answered in place of the upstream",
                        List.of()),
                fault.abortStatus());
    }

    private URI target(Route route, Version version, URI requested) {
        List<String> pool = route.pool(version);
        String upstream = pool.size() == 1 ? pool.getFirst() : pool.get(next(route.id(), version, pool.size()));
        String base = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
        String query = requested.getRawQuery();
        return URI.create(base + requested.getRawPath() + (query == null ? "" : "?" + query));
    }

    private int next(String routeId, Version version, int size) {
        AtomicInteger[] counters = roundRobin.computeIfAbsent(
                routeId, id -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()});
        return Math.floorMod(counters[version.ordinal()].getAndIncrement(), size);
    }

    /** A first visit on a route with a canary: the gateway issues the key that keeps the user on one version. */
    private static String issueCookie(ServerHttpResponse response, String name) {
        String id = UUID.randomUUID().toString();
        response.addCookie(ResponseCookie.from(name, id)
                .path("/")
                .maxAge(ISSUED_COOKIE_AGE)
                .httpOnly(true)
                .sameSite("Lax")
                .build());
        return id;
    }

    /**
     * What the client got: for a faulted request the injected status or the upstream's, and 502 when the
     * exchange failed (a proxy error).
     */
    private static int statusAt(SignalType signal, ServerWebExchange exchange) {
        return signal == SignalType.ON_ERROR ? 502 : statusOf(exchange.getResponse());
    }

    private static int statusOf(ServerHttpResponse response) {
        HttpStatusCode status = response.getStatusCode();
        return status == null ? 200 : status.value();
    }

    private Mono<Void> noRoute(ServerWebExchange exchange, String path) {
        return write(
                exchange.getResponse(),
                Problems.of(ApiProblem.notFound("route for path", path)),
                HttpStatus.NOT_FOUND.value());
    }

    private Mono<Void> write(ServerHttpResponse response, Object problem, int status) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(problem);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
