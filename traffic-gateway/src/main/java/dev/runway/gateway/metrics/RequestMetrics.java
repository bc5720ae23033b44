package dev.runway.gateway.metrics;

import dev.runway.gateway.fault.rule.FaultAction;
import dev.runway.gateway.metrics.histogram.LatencyBounds;
import dev.runway.gateway.route.table.Version;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
 *
 * <p>A request an injected fault hit is counted twice: in its route x version series like any other (users got
 * it), and in the series of route x version x fault, which says which fault and which chaos experiment spent
 * that part of the error budget. Fault series are keyed by the fault's id alone (a UUID, so unique across
 * routes) and are forgotten once their fault has expired and their counts are written; Micrometer only gets a
 * hit counter per route and experiment, since one meter per fault id would grow without bound.
 */
@Component
public class RequestMetrics {
    private final MeterRegistry registry;
    private final Duration[] slos;
    private final ConcurrentHashMap<String, Series[]> byRoute = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Series[]> byFault = new ConcurrentHashMap<>();

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

    /** One finished request that {@code fault} hit: counted for its route x version and for the fault. */
    public void record(String route, Version version, FaultAction fault, int status, long nanos) {
        record(route, version, status, nanos);
        Series[] versions = byFault.get(fault.faultId());
        Series series = versions == null ? null : versions[version.ordinal()];
        if (series == null) {
            series = createForFault(route, version, fault);
        }
        series.record(status, nanos);
    }

    /**
     * Reads the fault's array again under the lock rather than trusting the caller's, which {@link #forget}
     * may have just dropped.
     */
    private synchronized Series createForFault(String route, Version version, FaultAction fault) {
        Series[] versions = byFault.computeIfAbsent(fault.faultId(), f -> new Series[Version.values().length]);
        Series existing = versions[version.ordinal()];
        if (existing != null) {
            return existing;
        }
        String experiment = fault.experiment() == null ? "" : fault.experiment();
        Counter hits = Counter.builder("runway.gateway.fault.hits")
                .description("Requests an injected fault hit, by route and chaos experiment ('' for none)")
                .tag("route", route)
                .tag("experiment", experiment)
                .register(registry);
        Series series = new Series(
                route, version, new FaultLabel(fault.faultId(), experiment, fault.expiresAt()), null, null, hits);
        versions[version.ordinal()] = series;
        return series;
    }

    /**
     * Drops a fault series whose counts the flusher has written and whose fault has expired. A request the
     * fault hit just before its expiry but still on its way creates a new series, counted from zero.
     */
    synchronized void forget(Series series) {
        Series[] versions = byFault.get(series.fault.faultId());
        if (versions == null || versions[series.version.ordinal()] != series) {
            return;
        }
        versions[series.version.ordinal()] = null;
        if (Arrays.stream(versions).allMatch(Objects::isNull)) {
            byFault.remove(series.fault.faultId());
        }
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
        Series series = new Series(route, version, null, timer, errors, null);
        versions[version.ordinal()] = series;
        return series;
    }

    /** Every series held now: route x version, then route x version x fault. */
    List<Series> series() {
        List<Series> all = new ArrayList<>();
        for (var table : List.of(byRoute, byFault)) {
            for (Series[] versions : table.values()) {
                for (Series s : versions) {
                    if (s != null) {
                        all.add(s);
                    }
                }
            }
        }
        return all;
    }

    /** Which fault a fault series counts; {@code experiment} is "" when the fault carried none. */
    record FaultLabel(String faultId, String experiment, Instant expiresAt) {}

    /**
     * Cumulative counters of one route x version, or of one route x version x fault ({@code fault} set). The
     * meters of the route x version series are the Micrometer timer and error counter; a fault series has only
     * its hit counter.
     */
    static final class Series {
        final String route;
        final Version version;
        final FaultLabel fault;
        private final LongAdder serverErrors = new LongAdder();
        private final AtomicLongArray latency = new AtomicLongArray(LatencyBounds.BUCKETS);
        private final Timer timer;
        private final Counter errorCounter;
        private final Counter hitCounter;

        Series(String route, Version version, FaultLabel fault, Timer timer, Counter errorCounter, Counter hitCounter) {
            this.route = route;
            this.version = version;
            this.fault = fault;
            this.timer = timer;
            this.errorCounter = errorCounter;
            this.hitCounter = hitCounter;
        }

        void record(int status, long nanos) {
            latency.incrementAndGet(LatencyBounds.bucketOfNanos(nanos));
            if (timer != null) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
            if (hitCounter != null) {
                hitCounter.increment();
            }
            if (status >= 500) {
                serverErrors.increment();
                if (errorCounter != null) {
                    errorCounter.increment();
                }
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
