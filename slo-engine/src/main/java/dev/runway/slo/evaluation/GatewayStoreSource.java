package dev.runway.slo.evaluation;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts events straight from the traffic gateway's metrics store ({@code <schema>.request_metrics}), one of
 * the two tables the architecture lets other services read. All versions of a route count together: an SLO is
 * about what users got, whichever version served them.
 *
 * <p>A cycle costs two statements, whatever the number of SLOs: one over the recent minute and raw rows, and
 * one over the settled one-hour rows, which is read again only when the hour cut moves (once an hour) or the
 * set of routes, windows or thresholds changes. Each statement sums, grouped by route, every window at once
 * with {@code FILTER} clauses. Asking the gateway's HTTP API instead costs one call per SLO and window, each
 * reading the window at its finest retained resolution: 80,000 calls per cycle for 10,000 SLOs.
 *
 * <p>Latency: a request is good when it fell in a histogram bucket whose upper bound is at or below the
 * threshold. A threshold between two bounds is rounded down to the lower bound, so requests between them count
 * as slow: the SLO errs towards reporting a problem, never towards hiding one.
 */
final class GatewayStoreSource implements EventSource {
    private final JdbcClient jdbc;
    private final String schema;
    private double[] bounds;
    private Settled settled;

    GatewayStoreSource(JdbcClient jdbc, String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        this.jdbc = jdbc;
        this.schema = schema;
    }

    @Override
    public boolean reads(Indicator indicator) {
        return indicator instanceof Indicator.GatewayAvailability || indicator instanceof Indicator.GatewayLatency;
    }

    @Override
    public EventCounts count(Indicator indicator, Duration window) {
        return read(List.of(indicator), Set.of(window), Instant.now()).count(indicator, window);
    }

    @Override
    public synchronized Reading read(Collection<Indicator> indicators, Set<Duration> windows, Instant now) {
        try {
            double[] bounds = bounds();
            TreeSet<String> routes = new TreeSet<>();
            TreeSet<Integer> goodBuckets = new TreeSet<>();
            for (Indicator indicator : indicators) {
                switch (indicator) {
                    case Indicator.GatewayAvailability a -> routes.add(a.route());
                    case Indicator.GatewayLatency l -> {
                        routes.add(l.route());
                        int k = goodBuckets(bounds, l.thresholdMs());
                        if (k > 0) {
                            goodBuckets.add(k);
                        }
                    }
                    case Indicator.PrometheusRatio p -> {}
                }
            }
            Layout layout = new Layout(List.copyOf(new TreeSet<>(windows)), List.copyOf(goodBuckets));
            if (routes.isEmpty()) {
                return (indicator, window) -> EventCounts.NONE;
            }
            StorePlan plan = StorePlan.at(now);
            Map<String, long[]> recent = sum(layout, plan, routes, false);
            Map<String, long[]> hours = settledHours(layout, plan, routes);
            return (indicator, window) -> counts(indicator, window, layout, recent, hours, bounds);
        } catch (DataAccessException failure) {
            throw new SourceUnavailable(
                    "the gateway's metrics store cannot be read: "
                            + failure.getMostSpecificCause().getMessage(),
                    failure);
        }
    }

    /** How many histogram buckets count as good for a threshold: those whose upper bound is at or below it. */
    static int goodBuckets(double[] bounds, double thresholdMs) {
        int k = 0;
        while (k < bounds.length && bounds[k] <= thresholdMs) {
            k++;
        }
        return k;
    }

    /** Column layout of one summed row: per window, total and bad, then good per distinct threshold. */
    record Layout(List<Duration> windows, List<Integer> goodBuckets) {
        int width() {
            return windows.size() * (2 + goodBuckets.size());
        }

        int offset(Duration window) {
            int i = windows.indexOf(window);
            if (i < 0) {
                throw new IllegalArgumentException("window " + window + " was not read this cycle");
            }
            return i * (2 + goodBuckets.size());
        }
    }

    private static EventCounts counts(
            Indicator indicator,
            Duration window,
            Layout layout,
            Map<String, long[]> recent,
            Map<String, long[]> hours,
            double[] bounds) {
        int at = layout.offset(window);
        String route;
        int goodColumn = -1;
        switch (indicator) {
            case Indicator.GatewayAvailability a -> route = a.route();
            case Indicator.GatewayLatency l -> {
                route = l.route();
                int k = goodBuckets(bounds, l.thresholdMs());
                goodColumn = k == 0 ? -2 : 2 + layout.goodBuckets().indexOf(k);
            }
            case Indicator.PrometheusRatio p -> throw new IllegalArgumentException("not a gateway indicator");
        }
        long[] sum = new long[layout.width()];
        add(sum, recent.get(route));
        add(sum, hours.get(route));
        long total = sum[at];
        if (goodColumn == -1) {
            return new EventCounts(total, sum[at + 1]);
        }
        return EventCounts.ofGood(total, goodColumn == -2 ? 0 : Math.min(total, sum[at + goodColumn]));
    }

    private static void add(long[] into, long[] row) {
        if (row != null) {
            for (int i = 0; i < into.length; i++) {
                into[i] += row[i];
            }
        }
    }

    /**
     * The one-hour rows before the hour cut never change until the cut moves, so their sums are kept until
     * then. Windows that start after the cut read nothing from them.
     */
    private Map<String, long[]> settledHours(Layout layout, StorePlan plan, Set<String> routes) {
        List<Instant> starts = layout.windows().stream()
                .map(w -> plan.readsHours(w) ? plan.alignedStart(w) : plan.hourCut())
                .toList();
        if (starts.stream().allMatch(plan.hourCut()::equals)) {
            return Map.of();
        }
        Settled key = new Settled(plan.hourCut(), starts, layout, Set.copyOf(routes), null);
        if (settled == null || !settled.sameAs(key)) {
            settled = new Settled(plan.hourCut(), starts, layout, key.routes(), sum(layout, plan, routes, true));
        }
        return settled.sums();
    }

    private record Settled(
            Instant hourCut, List<Instant> starts, Layout layout, Set<String> routes, Map<String, long[]> sums) {
        boolean sameAs(Settled other) {
            return hourCut.equals(other.hourCut)
                    && starts.equals(other.starts)
                    // by start, not by duration: a calendar month's window grows every cycle, its start does not
                    && layout.goodBuckets().equals(other.layout.goodBuckets())
                    && routes.equals(other.routes);
        }
    }

    /** One statement: every window's sums per route, over the settled hours or over the recent rows. */
    private Map<String, long[]> sum(Layout layout, StorePlan plan, Set<String> routes, boolean settledHours) {
        StringBuilder sql = new StringBuilder("SELECT m.route");
        Map<String, Object> params = new HashMap<>();
        for (int w = 0; w < layout.windows().size(); w++) {
            String since = "FILTER (WHERE m.bucket_start >= :s" + w + ")";
            params.put("s" + w, utc(plan.alignedStart(layout.windows().get(w))));
            sql.append(", sum(m.requests) ").append(since);
            sql.append(", sum(m.server_errors) ").append(since);
            for (int k : layout.goodBuckets()) {
                sql.append(", sum(").append(firstBuckets(k)).append(") ").append(since);
            }
        }
        sql.append(" FROM ")
                .append(schema)
                .append(".request_metrics m")
                // a hash join on the wanted routes: a long IN list would be tested row by row
                .append(" JOIN unnest(CAST(:routes AS text[])) AS wanted(route) ON wanted.route = m.route WHERE ");
        if (settledHours) {
            sql.append("m.resolution_seconds = 3600 AND m.bucket_start >= :from AND m.bucket_start < :hourCut");
            Instant from = layout.windows().stream()
                    .map(plan::alignedStart)
                    .min(Instant::compareTo)
                    .orElseThrow();
            params.put("from", utc(from));
        } else {
            sql.append("((m.resolution_seconds = 60 AND m.bucket_start >= :hourCut AND m.bucket_start < :minuteCut)")
                    .append(" OR (m.resolution_seconds = ")
                    .append(StorePlan.RAW_SECONDS)
                    .append(" AND m.bucket_start >= :minuteCut AND m.bucket_start < :now))");
            params.put("minuteCut", utc(plan.minuteCut()));
            params.put("now", utc(plan.now()));
        }
        params.put("hourCut", utc(plan.hourCut()));
        params.put("routes", "{" + String.join(",", routes) + "}");
        sql.append(" GROUP BY m.route");
        Map<String, long[]> sums = new HashMap<>();
        int width = layout.width();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            long[] row = new long[width];
            for (int i = 0; i < width; i++) {
                row[i] = rs.getLong(i + 2);
            }
            sums.put(rs.getString(1), row);
        });
        return sums;
    }

    /** {@code (m.latency_counts[1] + … + m.latency_counts[k])}: plain subscripts, no per-row subquery. */
    private static String firstBuckets(int k) {
        List<String> terms = new ArrayList<>(k);
        for (int i = 1; i <= k; i++) {
            terms.add("m.latency_counts[" + i + "]");
        }
        return "(" + String.join(" + ", terms) + ")";
    }

    private double[] bounds() {
        if (bounds == null) {
            List<Double> read = jdbc.sql("SELECT unnest(bounds_ms) FROM " + schema + ".latency_bounds WHERE id = 1")
                    .query(Double.class)
                    .list();
            if (read.isEmpty()) {
                throw new SourceUnavailable("the gateway's metrics store has no latency bounds yet", null);
            }
            bounds = read.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return bounds;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
