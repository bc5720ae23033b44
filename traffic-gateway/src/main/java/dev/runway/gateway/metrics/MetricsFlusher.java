package dev.runway.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes what each route x version did in the bucket that just ended, at every bucket boundary (cron
 * {@code *}{@code /N} seconds, so buckets align to the wall clock on every replica). Runs on the scheduler,
 * never on the event loop: requests only bump counters in memory.
 *
 * <p>Fault series (requests an injected fault hit) go out at the same boundaries, into {@code fault_metrics};
 * once a fault has expired and its series has nothing left to write, the series is forgotten.
 *
 * <p>When PostgreSQL cannot be reached the rows wait in memory (up to {@code maxPending}, the oldest dropped
 * and counted first) and go out with the next successful flush, each in its own bucket.
 */
@Component
class MetricsFlusher {
    private static final Logger log = LoggerFactory.getLogger(MetricsFlusher.class);

    private final RequestMetrics metrics;
    private final MetricsStore store;
    private final MetricsSettings settings;
    private final Clock clock;
    private final Map<RequestMetrics.Series, RequestMetrics.Totals> lastSeen = new HashMap<>();
    private final ArrayDeque<BucketRow> pending = new ArrayDeque<>();
    private final Counter droppedRows;

    /**
     * A request a fault hit just before its expiry is still counted when it ends, after the injected delay
     * (at most a minute) and the upstream's answer; a fault's series is kept, idle, this long past the expiry
     * before it is forgotten.
     */
    static final Duration FAULT_SERIES_GRACE = Duration.ofMinutes(5);

    MetricsFlusher(
            RequestMetrics metrics, MetricsStore store, MetricsSettings settings, Clock clock, MeterRegistry registry) {
        this.metrics = metrics;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.droppedRows = Counter.builder("runway.gateway.metrics.rows.dropped")
                .description("Metric rows dropped because PostgreSQL was unreachable for too long")
                .register(registry);
    }

    @Scheduled(cron = "*/${runway.gateway.metrics.bucket-seconds:5} * * * * *")
    void atBoundary() {
        long size = settings.bucketSeconds() * 1000L;
        long end = Math.round(clock.millis() / (double) size) * size;
        flush(Instant.ofEpochMilli(end - size));
    }

    /**
     * On shutdown, the partial current bucket goes out too, so that a rolling restart loses nothing; bounded
     * in time, since PostgreSQL may be the thing going away.
     */
    @PreDestroy
    void atShutdown() {
        long size = settings.bucketSeconds() * 1000L;
        Instant bucket = Instant.ofEpochMilli(clock.millis() / size * size);
        Thread last = Thread.ofVirtual().name("metrics-last-flush").start(() -> flush(bucket));
        try {
            last.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the counts since the last flush into rows for {@code bucketStart} and writes all pending rows. */
    synchronized void flush(Instant bucketStart) {
        Instant forgetBefore = clock.instant().minus(FAULT_SERIES_GRACE);
        for (RequestMetrics.Series series : metrics.series()) {
            RequestMetrics.Totals now = series.totals();
            RequestMetrics.Totals delta = now.minus(lastSeen.getOrDefault(series, RequestMetrics.Totals.ZERO));
            lastSeen.put(series, now);
            if (delta.requests() > 0 || delta.serverErrors() > 0) {
                pending.addLast(row(series, bucketStart, delta));
            } else if (series.fault != null && series.fault.expiresAt().isBefore(forgetBefore)) {
                metrics.forget(series);
                lastSeen.remove(series);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            store.add(new ArrayList<>(pending));
            pending.clear();
        } catch (DataAccessException unavailable) {
            while (pending.size() > settings.maxPending()) {
                pending.removeFirst();
                droppedRows.increment();
            }
            log.warn("metrics not written ({} rows wait in memory): {}", pending.size(), unavailable.getMessage());
        }
    }

    private BucketRow row(RequestMetrics.Series series, Instant bucketStart, RequestMetrics.Totals delta) {
        RequestMetrics.FaultLabel fault = series.fault;
        return new BucketRow(
                series.route,
                series.version.tag(),
                settings.bucketSeconds(),
                bucketStart,
                delta.requests(),
                delta.serverErrors(),
                delta.latencyCounts(),
                fault == null ? null : fault.faultId(),
                fault == null ? null : fault.experiment());
    }

    synchronized int pendingRows() {
        return pending.size();
    }

    @Scheduled(fixedDelayString = "${runway.gateway.metrics.maintenance-interval:PT1M}", initialDelay = 20_000)
    void maintain() {
        try {
            Instant now = clock.instant();
            store.rollUp(now, settings.bucketSeconds());
            store.purge(now, settings.bucketSeconds(), settings);
        } catch (DataAccessException unavailable) {
            log.debug("metrics roll-up postponed: {}", unavailable.getMessage());
        }
    }
}
