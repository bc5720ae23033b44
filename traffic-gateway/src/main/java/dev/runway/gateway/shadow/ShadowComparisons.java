package dev.runway.gateway.shadow;

import dev.runway.gateway.route.table.Route;
import dev.runway.gateway.shadow.diff.CapturedResponse;
import dev.runway.gateway.shadow.diff.DiffTally;
import dev.runway.gateway.shadow.diff.FieldDiff;
import dev.runway.gateway.shadow.diff.IgnoreList;
import dev.runway.gateway.shadow.diff.ResponseDiffer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares primary and shadow answers off the event loop, on one worker thread with a bounded queue (a
 * comparison that finds the queue full is skipped and counted), tallies the differences per route in memory
 * and writes the tallies to the store every few seconds.
 */
@Component
class ShadowComparisons implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ShadowComparisons.class);

    private final ResponseDiffer differ;
    private final ShadowDiffStore store;
    private final ThreadPoolExecutor worker;
    private final Map<String, DiffTally> tallies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final Counter skipped;

    ShadowComparisons(JsonMapper json, ShadowDiffStore store, MeterRegistry registry) {
        this.differ = new ResponseDiffer(json);
        this.store = store;
        this.worker = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024),
                Thread.ofPlatform().name("shadow-compare").daemon().factory());
        this.skipped = Counter.builder("runway.gateway.shadow.comparisons.skipped")
                .description("Comparisons skipped because the comparison queue was full")
                .register(registry);
    }

    /** Compares once the primary, the shadow and (when configured) the second primary have all answered. */
    void whenComplete(
            ShadowCall call,
            CompletableFuture<CapturedResponse> candidate,
            CompletableFuture<CapturedResponse> secondary,
            Runnable onFailure) {
        CompletableFuture<?> all = secondary == null
                ? CompletableFuture.allOf(call.primary, candidate)
                : CompletableFuture.allOf(call.primary, candidate, secondary);
        all.whenComplete((ignored, failure) -> {
            CapturedResponse primary = call.primary.getNow(null);
            if (failure != null
                    || candidate.getNow(null) == null
                    || (secondary != null && secondary.getNow(null) == null)) {
                if (primary != null) {
                    onFailure.run();
                    tally(call.route.id()).recordFailure();
                }
                return;
            }
            if (primary == null) {
                return;
            }
            try {
                worker.execute(() ->
                        compare(call.route, primary, candidate.join(), secondary == null ? null : secondary.join()));
            } catch (RejectedExecutionException full) {
                skipped.increment();
            }
        });
    }

    void dropped(String route) {
        tally(route);
        dropped.computeIfAbsent(route, r -> new LongAdder()).increment();
    }

    private void compare(
            Route route, CapturedResponse primary, CapturedResponse candidate, CapturedResponse secondary) {
        var shadow = route.shadow();
        IgnoreList ignore = new IgnoreList(shadow.ignoreFields());
        List<FieldDiff> differences = differ.diff(primary, candidate, shadow.compareHeaders(), ignore);
        List<FieldDiff> noise =
                secondary == null ? null : differ.diff(primary, secondary, shadow.compareHeaders(), ignore);
        tally(route.id()).record(differences, noise);
    }

    private DiffTally tally(String route) {
        return tallies.computeIfAbsent(route, r -> new DiffTally());
    }

    @Scheduled(fixedDelayString = "${runway.gateway.shadow.flush-interval:PT2S}")
    void flush() {
        for (var entry : tallies.entrySet()) {
            String route = entry.getKey();
            LongAdder drops = dropped.get(route);
            long droppedNow = drops == null ? 0 : drops.sumThenReset();
            DiffTally.Delta delta = entry.getValue().drain();
            if (delta.isEmpty() && droppedNow == 0) {
                continue;
            }
            try {
                store.add(route, delta, droppedNow);
            } catch (DataAccessException unavailable) {
                // Summaries are statistics: losing one interval while PostgreSQL is away is acceptable.
                log.debug("shadow summary for {} not stored: {}", route, unavailable.getMessage());
            }
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
