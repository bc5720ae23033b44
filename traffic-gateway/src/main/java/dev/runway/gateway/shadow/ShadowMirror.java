package dev.runway.gateway.shadow;

import dev.runway.gateway.route.table.Route;
import dev.runway.gateway.route.table.Shadow;
import dev.runway.gateway.shadow.diff.CapturedResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Sends copies of requests to a route's shadow (and second primary), fire and forget.
 *
 * <p>The primary never waits for a copy: copies go out on their own event loop and connection pool, and
 * their outcome only feeds the comparison. At most {@code maxConcurrent} copies are in flight; a copy that
 * finds no room is dropped and counted rather than queued, so a slow or dead shadow costs the primary
 * nothing but a counter.
 */
@Component
public class ShadowMirror implements DisposableBean {
    public static final String SHADOW_HEADER = "X-Shadow-Request";

    /** Hop-by-hop and framing headers: the copy gets its own. */
    private static final Set<String> NOT_COPIED = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "proxy-connection",
            "proxy-authorization",
            "expect");

    private final ShadowSettings settings;
    private final ShadowComparisons comparisons;
    private final MeterRegistry registry;
    private final Semaphore permits;
    private final LoopResources loops;
    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();

    ShadowMirror(ShadowSettings settings, ShadowComparisons comparisons, MeterRegistry registry) {
        this.settings = settings;
        this.comparisons = comparisons;
        this.registry = registry;
        this.permits = new Semaphore(settings.maxConcurrent());
        this.loops = LoopResources.create("shadow", 1, true);
        this.connections = ConnectionProvider.builder("shadow")
                .maxConnections(settings.maxConcurrent())
                .pendingAcquireMaxCount(settings.maxConcurrent())
                .build();
        this.client = HttpClient.create(connections)
                .runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .responseTimeout(settings.timeout());
    }

    /** The largest request body that can be copied. */
    public int maxRequestBodyBytes() {
        return settings.maxRequestBodyBytes();
    }

    /**
     * Sends the copies of one request; returns the call to hand the primary's response to, or null when the
     * copy was dropped for lack of room.
     *
     * @param body the request body, already read in full, or null when there is none
     */
    public ShadowCall mirror(Route route, ServerHttpRequest request, byte[] body) {
        Shadow shadow = route.shadow();
        int needed = shadow.secondary() == null ? 1 : 2;
        Counters count = counters(route.id());
        if (!permits.tryAcquire(needed)) {
            count.dropped.increment();
            comparisons.dropped(route.id());
            return null;
        }
        count.mirrored.increment();
        ShadowCall call = new ShadowCall(route, settings.maxCaptureBytes());
        CompletableFuture<CapturedResponse> candidate = send(shadow.upstream(), request, body, shadow);
        CompletableFuture<CapturedResponse> secondary =
                shadow.secondary() == null ? null : send(shadow.secondary(), request, body, shadow);
        comparisons.whenComplete(call, candidate, secondary, () -> count.failures.increment());
        return call;
    }

    /** A copy that was not sent at all, and why (a body too large or of unknown length). */
    public void skipped(Route route, String reason) {
        Counter.builder("runway.gateway.shadow.skipped")
                .description("Requests eligible for mirroring that were not copied, by reason")
                .tag("route", route.id())
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    private CompletableFuture<CapturedResponse> send(
            String base, ServerHttpRequest request, byte[] body, Shadow shadow) {
        CompletableFuture<CapturedResponse> result = new CompletableFuture<>();
        try {
            dispatch(base, request, body, shadow, result);
        } catch (RuntimeException unexpected) {
            permits.release();
            result.completeExceptionally(unexpected);
        }
        return result;
    }

    private void dispatch(
            String base,
            ServerHttpRequest request,
            byte[] body,
            Shadow shadow,
            CompletableFuture<CapturedResponse> result) {
        URI original = request.getURI();
        String target = stripSlash(base)
                + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
        HttpHeaders incoming = request.getHeaders();
        client.headers(headers -> {
                    incoming.forEach((name, values) -> {
                        if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                            headers.add(name, values);
                        }
                    });
                    headers.set(SHADOW_HEADER, "true");
                    if (body != null) {
                        headers.set("Content-Length", body.length);
                    }
                })
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(
                        request.getMethod().name()))
                .uri(URI.create(target))
                .send(body == null ? Mono.empty() : Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .response((response, content) -> content.asByteArray()
                        .reduce(new BoundedBytes(settings.maxCaptureBytes()), BoundedBytes::add)
                        .defaultIfEmpty(new BoundedBytes(settings.maxCaptureBytes()))
                        .map(bytes -> {
                            Map<String, String> kept = new HashMap<>();
                            for (String header : shadow.compareHeaders()) {
                                String value = response.responseHeaders().get(header);
                                if (value != null) {
                                    kept.put(header.toLowerCase(Locale.ROOT), value);
                                }
                            }
                            return new CapturedResponse(
                                    response.status().code(), kept, bytes.bytes(), bytes.truncated());
                        }))
                .next()
                .timeout(settings.timeout().plusSeconds(1))
                .doFinally(signal -> permits.release())
                .subscribe(result::complete, result::completeExceptionally, () -> result.complete(null));
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private Counters counters(String route) {
        Counters existing = counters.get(route);
        return existing != null ? existing : counters.computeIfAbsent(route, r -> new Counters(registry, r));
    }

    @Override
    public void destroy() {
        connections.disposeLater().block(java.time.Duration.ofSeconds(2));
        loops.disposeLater().block(java.time.Duration.ofSeconds(2));
    }

    private static final class Counters {
        final Counter mirrored;
        final Counter dropped;
        final Counter failures;

        Counters(MeterRegistry registry, String route) {
            mirrored = Counter.builder("runway.gateway.shadow.mirrored")
                    .description("Requests copied to the shadow")
                    .tag("route", route)
                    .register(registry);
            dropped = Counter.builder("runway.gateway.shadow.dropped")
                    .description("Copies dropped because the mirror was at its concurrency limit")
                    .tag("route", route)
                    .register(registry);
            failures = Counter.builder("runway.gateway.shadow.failures")
                    .description("Copies that failed or timed out, so could not be compared")
                    .tag("route", route)
                    .register(registry);
        }
    }
}
