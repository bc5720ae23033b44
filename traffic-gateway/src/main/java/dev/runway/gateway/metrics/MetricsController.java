package dev.runway.gateway.metrics;

import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import dev.runway.gateway.metrics.histogram.Histograms;
import dev.runway.gateway.metrics.histogram.LatencyBounds;
import dev.runway.gateway.metrics.histogram.VersionSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-version outcomes of a route over a window, read from the store: what the canary analysis and the SLO
 * engine ask the gateway (the {@code gateway} metrics source). The resolution is the finest one still kept
 * for the start of the window.
 */
@RestController
class MetricsController {
    static final Duration MAX_WINDOW = Duration.ofDays(400);

    private final MetricsStore store;
    private final MetricsSettings settings;
    private final Clock clock;

    MetricsController(MetricsStore store, MetricsSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    record Window(
            String route,
            Instant from,
            Instant to,
            int resolutionSeconds,
            double[] boundsMs,
            Map<String, VersionSummary> versions,
            List<BucketRow> series) {}

    /** The requests injected faults hit over the window, per chaos experiment and fault. */
    record FaultWindow(
            String route,
            Instant from,
            Instant to,
            int resolutionSeconds,
            double[] boundsMs,
            List<FaultOutcome> faults) {}

    /**
     * One fault's hits: {@code requests} and {@code serverErrors} over all versions, {@code versions} as the
     * metrics endpoint gives them. {@code experiment} is "" for a fault without an experiment label.
     */
    record FaultOutcome(
            String experiment,
            String faultId,
            long requests,
            long serverErrors,
            Map<String, VersionSummary> versions) {}

    /** Where a query reads: the window aligned to the resolution it is read at. */
    private record Span(Instant from, Instant to, Instant now, int resolutionSeconds) {}

    /**
     * {@code window} (ISO-8601 duration ending now) or {@code from} and {@code to} (ISO-8601 instants);
     * {@code series=true} adds every bucket in the window.
     */
    @GetMapping("/api/v1/routes/{route}/metrics")
    Window query(
            @PathVariable String route,
            @RequestParam(required = false) String window,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "false") boolean series) {
        Span span = span(window, from, to);
        List<BucketRow> rows = readStitched(MetricsTable.REQUESTS, route, span);
        return new Window(
                route,
                span.from(),
                span.to(),
                span.resolutionSeconds(),
                LatencyBounds.boundsMs(),
                summarise(rows),
                series ? rows : List.of());
    }

    /**
     * What injected faults did to the route's requests over the window (same parameters and rules as
     * {@code /metrics}), per experiment and fault, ordered by experiment then fault id: the part of the
     * error budget each chaos experiment spent. These requests are also in {@code /metrics}.
     */
    @GetMapping("/api/v1/routes/{route}/fault-metrics")
    FaultWindow faults(
            @PathVariable String route,
            @RequestParam(required = false) String window,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Span span = span(window, from, to);
        Map<List<String>, List<BucketRow>> byFault =
                new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (BucketRow row : readStitched(MetricsTable.FAULTS, route, span)) {
            byFault.computeIfAbsent(List.of(row.experiment(), row.faultId()), k -> new ArrayList<>())
                    .add(row);
        }
        List<FaultOutcome> faults = new ArrayList<>();
        byFault.forEach((key, rows) -> faults.add(new FaultOutcome(
                key.get(0),
                key.get(1),
                rows.stream().mapToLong(BucketRow::requests).sum(),
                rows.stream().mapToLong(BucketRow::serverErrors).sum(),
                summarise(rows))));
        return new FaultWindow(
                route, span.from(), span.to(), span.resolutionSeconds(), LatencyBounds.boundsMs(), faults);
    }

    private Span span(String window, String from, String to) {
        Instant now = clock.instant();
        Instant end = to == null ? now : instant("to", to);
        Instant start = from != null
                ? instant("from", from)
                : end.minus(window == null ? Duration.ofMinutes(5) : duration(window));
        if (!start.isBefore(end)) {
            throw ApiProblem.invalid(from != null ? "from" : "window", "the window must end after it starts");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ApiProblem.invalid(from != null ? "from" : "window", "at most " + MAX_WINDOW.toDays() + " days");
        }
        int resolution = resolutionFor(start, now);
        Instant alignedStart = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), resolution) * resolution);
        return new Span(alignedStart, end, now, resolution);
    }

    /**
     * Roll-ups trail the raw buckets by up to a minute (one-minute rows) or an hour (one-hour rows), so a long
     * window read at a coarse resolution alone would miss the newest requests — exactly the ones an SLO
     * burning right now is about. The older part is read from the roll-up, the recent part from the level
     * below: one-hour rows until two hours ago, one-minute rows until ten minutes ago, raw buckets after.
     * The cut-offs lie inside the span each roll-up recomputes (3 h and 15 min), so the coarse rows before
     * them are final.
     */
    private List<BucketRow> readStitched(MetricsTable table, String route, Span span) {
        int resolution = span.resolutionSeconds();
        Instant from = span.from();
        Instant to = span.to();
        Instant now = span.now();
        if (resolution == settings.bucketSeconds()) {
            return store.read(table, route, resolution, from, to);
        }
        Instant minuteCut =
                max(from, now.minus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        List<BucketRow> rows = new ArrayList<>();
        if (resolution == MetricsStore.HOUR) {
            Instant hourCut =
                    max(from, now.minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
            rows.addAll(store.read(table, route, MetricsStore.HOUR, from, min(hourCut, to)));
            rows.addAll(store.read(table, route, MetricsStore.MINUTE, hourCut, min(minuteCut, to)));
        } else {
            rows.addAll(store.read(table, route, MetricsStore.MINUTE, from, min(minuteCut, to)));
        }
        if (minuteCut.isBefore(to)) {
            rows.addAll(store.read(table, route, settings.bucketSeconds(), minuteCut, to));
        }
        return rows;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private int resolutionFor(Instant start, Instant now) {
        if (!start.isBefore(now.minus(settings.rawRetention()))) {
            return settings.bucketSeconds();
        }
        if (!start.isBefore(now.minus(settings.minuteRetention()))) {
            return MetricsStore.MINUTE;
        }
        return MetricsStore.HOUR;
    }

    private static Map<String, VersionSummary> summarise(List<BucketRow> rows) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (String version : List.of("stable", "canary")) {
            counts.put(version, new long[LatencyBounds.BUCKETS]);
            totals.put(version, new long[2]);
        }
        for (BucketRow row : rows) {
            long[] c = counts.computeIfAbsent(row.version(), v -> new long[LatencyBounds.BUCKETS]);
            long[] t = totals.computeIfAbsent(row.version(), v -> new long[2]);
            if (row.latencyCounts().length == c.length) {
                Histograms.addInto(c, row.latencyCounts());
            }
            t[0] += row.requests();
            t[1] += row.serverErrors();
        }
        Map<String, VersionSummary> out = new LinkedHashMap<>();
        counts.forEach(
                (version, c) -> out.put(version, VersionSummary.of(totals.get(version)[0], totals.get(version)[1], c)));
        return out;
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, "must be an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
    }

    private static Duration duration(String value) {
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative() || d.isZero()) {
                throw ApiProblem.invalid(List.of(new FieldViolation("window", "must be positive")));
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("window", "must be an ISO-8601 duration such as PT5M");
        }
    }
}
