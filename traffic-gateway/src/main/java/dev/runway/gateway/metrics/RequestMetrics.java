package dev.runway.gateway.metrics;

import dev.runway.gateway.metrics.histogram.LatencyBounds;
import dev.runway.gateway.route.table.Version;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Per route and version: request count, server-error count and latency histogram, kept as cumulative counters
 * in memory (cheap to bump on the event loop, never blocking) and exposed two ways: to Micrometer (tags
 * {@code route} and {@code version}, histogram buckets on the same bounds) and to the flusher, which writes the
 * differences since its last run to the store.
 */
@Component
public class RequestMetrics {
    private final MeterRegistry registry;
    private final Duration[] slos;
    private final ConcurrentHashMap<String, Series[]> byRoute = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        double[] bounds = LatencyBounds.boundsMs();
        this.slos = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            slos[i] = Duration.ofNanos((long) (bounds[i] * 1_000_000));
        }
    }

    /** One finished request; a status of 500 or more counts as a server error. */
    public void record(String route, Version version, int status, long nanos) {
        Series[] versions = byRoute.get(route);
        if (versions == null) {
            versions = byRoute.computeIfAbsent(route, r -> new Series[Version.values().length]);
        }
        Series series = versions[version.ordinal()];
        if (series == null) {
            series = create(route, version, versions);
        }
        series.record(status, nanos);
    }

    private synchronized Series create(String route, Version version, Series[] versions) {
        Series existing = versions[version.ordinal()];
        if (existing != null) {
            return existing;
        }
        Timer timer = Timer.builder("runway.gateway.requests")
                .description("Requests through the traffic port, by route and version")
                .tag("route", route)
                .tag("version", version.tag())
                .serviceLevelObjectives(slos)
                .register(registry);
        Counter errors = Counter.builder("runway.gateway.server.errors")
                .description("Requests answered with a status of 500 or more, by route and version")
                .tag("route", route)
                .tag("version", version.tag())
                .register(registry);
        Series series = new Series(route, version, timer, errors);
        versions[version.ordinal()] = series;
        return series;
    }

    /** Every series seen so far. */
    List<Series> series() {
        List<Series> all = new ArrayList<>();
        for (Series[] versions : byRoute.values()) {
            for (Series s : versions) {
                if (s != null) {
                    all.add(s);
                }
            }
        }
        return all;
    }

    /** Cumulative counters of one route x version. */
    static final class Series {
        final String route;
        final Version version;
        private final LongAdder serverErrors = new LongAdder();
        private final AtomicLongArray latency = new AtomicLongArray(LatencyBounds.BUCKETS);
        private final Timer timer;
        private final Counter errorCounter;

        Series(String route, Version version, Timer timer, Counter errorCounter) {
            this.route = route;
            this.version = version;
            this.timer = timer;
            this.errorCounter = errorCounter;
        }

        void record(int status, long nanos) {
            latency.incrementAndGet(LatencyBounds.bucketOfNanos(nanos));
            timer.record(nanos, TimeUnit.NANOSECONDS);
            if (status >= 500) {
                serverErrors.increment();
                errorCounter.increment();
            }
        }

        /**
         * The counters now. The request count is the histogram's total, so that the two always agree; a
         * request landing during the read simply shows up in the next one.
         */
        Totals totals() {
            long[] counts = new long[LatencyBounds.BUCKETS];
            long requests = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = latency.get(i);
                requests += counts[i];
            }
            return new Totals(requests, serverErrors.sum(), counts);
        }
    }

    record Totals(long requests, long serverErrors, long[] latencyCounts) {
        static final Totals ZERO = new Totals(0, 0, new long[LatencyBounds.BUCKETS]);

        Totals minus(Totals earlier) {
            long[] counts = new long[latencyCounts.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = latencyCounts[i] - earlier.latencyCounts[i];
            }
            return new Totals(requests - earlier.requests, serverErrors - earlier.serverErrors, counts);
        }
    }
}
