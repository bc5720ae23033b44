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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts events straight from the traffic gateway's metrics store ({@code <schema>.request_metrics}), one of
 * the two tables the architecture lets other services read. All versions of a route count together: an SLO is
 * about what users got, whichever version served them.
 *
 * <p>A cycle costs one statement over the newest raw buckets (those of the last 30 s and since the previous
 * cycle), whatever the number of SLOs, read on a thread of their own beside the other pieces; older raw buckets
 * are kept in memory until the minute cut passes them. The settled minute and hour rows are summed once, then
 * shifted by the rows that come in and go out as the cuts move (the minute sums kept per clock hour, so that an
 * hour leaving them is dropped from memory), and saved for the next start (see {@link StoreSnapshots}); the
 * unsettled minute rows are summed once a minute. Statements sum, grouped by route, every window at once. Asking
 * the gateway's HTTP API instead costs one call per SLO and window, each reading the window at its finest
 * retained resolution: 80,000 calls per cycle for 10,000 SLOs.
 *
 * <p>Latency: a request is good when it fell in a histogram bucket whose upper bound is at or below the
 * threshold. A threshold between two bounds is rounded down to the lower bound, so requests between them count
 * as slow: the SLO errs towards reporting a problem, never towards hiding one.
 */
final class GatewayStoreSource implements EventSource {
    private final JdbcClient jdbc;
    private final String schema;
    private double[] bounds;
    /** Raw buckets newer than this are read again each cycle: gateway replicas may still be adding to them. */
    static final Duration RAW_UNSETTLED = Duration.ofSeconds(30);

    private final Map<Piece, KeptPiece> cache = new java.util.EnumMap<>(Piece.class);
    private RawBuckets raw;
    /** How long each piece took in the last read, in seconds: for the benchmark's breakdown. */
    final Map<Piece, Double> lastRead = new java.util.concurrent.ConcurrentHashMap<>();
    /** Where the settled pieces are saved and, once after start-up, loaded from; none in some tests. */
    private final StoreSnapshots snapshots;

    private boolean restored;

    /** Raw ranges longer than this (after a restart, or cycles missed) are read in two halves at once. */
    static final Duration RAW_SPLIT = Duration.ofMinutes(2);

    /** Reads the older half of a long raw range. */
    private final Executor rawHelper = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "gateway-store-raw-older");
        thread.setDaemon(true);
        return thread;
    });

    /** Reads the raw buckets while the calling thread reads the other pieces. */
    private final Executor rawReader = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "gateway-store-raw");
        thread.setDaemon(true);
        return thread;
    });

    GatewayStoreSource(JdbcClient jdbc, String schema) {
        this(jdbc, schema, null);
    }

    GatewayStoreSource(JdbcClient jdbc, String schema, StoreSnapshots snapshots) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        this.jdbc = jdbc;
        this.schema = schema;
        this.snapshots = snapshots;
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
                    case Indicator.Probe p -> {}
                }
            }
            Layout layout = new Layout(List.copyOf(new TreeSet<>(windows)), List.copyOf(goodBuckets));
            if (routes.isEmpty()) {
                return (indicator, window) -> EventCounts.NONE;
            }
            StorePlan plan = StorePlan.at(now);
            restore(plan);
            // The raw buckets are read beside the other pieces (they touch nothing else): after a restart they are
            // the largest read (ten minutes of buckets), at an hour turn the hour shift is; each on its own core.
            CompletableFuture<Map<String, long[]>> rawPiece =
                    CompletableFuture.supplyAsync(() -> timed(Piece.RAW, layout, plan, routes), rawReader);
            List<Map<String, long[]>> pieces = new ArrayList<>();
            try {
                for (Piece piece : List.of(Piece.HOURS, Piece.SETTLED_MINUTES, Piece.MINUTES)) {
                    pieces.add(timed(piece, layout, plan, routes));
                }
            } finally {
                // never leave it running into the next read, even when this one fails
                pieces.add(joined(rawPiece));
            }
            return (indicator, window) -> counts(indicator, window, layout, pieces, bounds);
        } catch (DataAccessException failure) {
            throw new SourceUnavailable(
                    "the gateway's metrics store cannot be read: "
                            + failure.getMostSpecificCause().getMessage(),
                    failure);
        }
    }

    /**
     * Time slices from one-minute rows (until the minute cut) and raw buckets (after), grouped into slices
     * aligned to the epoch; one statement per SLO, counting the bad slices of every window at once. A slice that
     * straddles a window's start counts whole, like a bucket does.
     */
    @Override
    public synchronized Reading timeslices(
            Indicator indicator, Duration slice, double sliceTarget, Set<Duration> windows, Instant now) {
        String route;
        String good;
        switch (indicator) {
            case Indicator.GatewayAvailability a -> {
                route = a.route();
                good = "requests - server_errors";
            }
            case Indicator.GatewayLatency l -> {
                route = l.route();
                int k = goodBuckets(bounds(), l.thresholdMs());
                good = k > 0 ? firstBuckets(k) : "0";
            }
            case Indicator.PrometheusRatio p -> throw new IllegalArgumentException("not a gateway indicator");
            case Indicator.Probe p -> throw new IllegalArgumentException("not a gateway indicator");
        }
        List<Duration> ordered = List.copyOf(new TreeSet<>(windows));
        StorePlan plan = StorePlan.at(now);
        StringBuilder counts = new StringBuilder("SELECT 0");
        Map<String, Object> params = new HashMap<>();
        for (int w = 0; w < ordered.size(); w++) {
            counts.append(", count(*) FILTER (WHERE s >= :s").append(w).append(" AND t > 0 AND g < :target * t)");
            params.put("s" + w, utc(StorePlan.floor(now.minus(ordered.get(w)), slice.toSeconds())));
        }
        Instant from = StorePlan.floor(now.minus(ordered.getLast()), slice.toSeconds());
        params.put("from", utc(from));
        params.put("cut", utc(plan.minuteCut()));
        params.put("now", utc(now));
        params.put("route", route);
        params.put("target", sliceTarget);
        params.put("slice", slice.toSeconds());
        String sql = """
                WITH slices AS (
                    SELECT to_timestamp(floor(extract(epoch FROM bucket_start) / :slice) * :slice) AS s,
                           sum(requests) AS t, sum(%s) AS g
                    FROM %s.request_metrics m
                    WHERE route = :route AND (
                        (resolution_seconds = 60 AND bucket_start >= :from AND bucket_start < :cut)
                        OR (resolution_seconds = %d AND bucket_start >= greatest(:from, :cut) AND bucket_start < :now))
                    GROUP BY 1)
                %s FROM slices
                """.formatted(good, schema, StorePlan.RAW_SECONDS, counts);
        try {
            long[] bad = jdbc.sql(sql)
                    .params(params)
                    .query((rs, row) -> {
                        long[] b = new long[ordered.size()];
                        for (int i = 0; i < b.length; i++) {
                            b[i] = rs.getLong(i + 2);
                        }
                        return b;
                    })
                    .single();
            return (asked, window) -> {
                int i = ordered.indexOf(window);
                if (i < 0 || !asked.equals(indicator)) {
                    throw new IllegalArgumentException("not read: " + asked + " over " + window);
                }
                long slices = Math.max(1, window.toSeconds() / slice.toSeconds());
                return new EventCounts(slices, Math.min(slices, bad[i]));
            };
        } catch (DataAccessException failure) {
            throw new SourceUnavailable(
                    "the gateway's metrics store cannot be read: "
                            + failure.getMostSpecificCause().getMessage(),
                    failure);
        }
    }

    /**
     * Events the canary version served on the indicator's route from {@code from} until {@code to}, at minute
     * precision: one-minute rows until the minute cut, raw buckets after. Rollouts take turns on a route (one
     * unfinished rollout per service), so the canary rows in a rollout's time span are that rollout's.
     */
    synchronized EventCounts canary(Indicator indicator, Instant from, Instant to, Instant now) {
        String route;
        int k = -1;
        switch (indicator) {
            case Indicator.GatewayAvailability a -> route = a.route();
            case Indicator.GatewayLatency l -> {
                route = l.route();
                k = goodBuckets(bounds(), l.thresholdMs());
            }
            case Indicator.PrometheusRatio p -> throw new IllegalArgumentException("not a gateway indicator");
            case Indicator.Probe p -> throw new IllegalArgumentException("not a gateway indicator");
        }
        Instant minuteCut = StorePlan.at(now).minuteCut();
        try {
            long[] sums = jdbc.sql("""
                    SELECT coalesce(sum(requests), 0), coalesce(sum(server_errors), 0), coalesce(sum(%s), 0)
                    FROM %s.request_metrics m
                    WHERE route = :route AND version = 'canary' AND (
                        (resolution_seconds = 60 AND bucket_start >= :from AND bucket_start < least(:to, :cut))
                        OR (resolution_seconds = %d AND bucket_start >= greatest(:from, :cut) AND bucket_start < :to))
                    """.formatted(k > 0 ? firstBuckets(k) : "0", schema, StorePlan.RAW_SECONDS))
                    .param("route", route)
                    .param("from", utc(StorePlan.floor(from, 60)))
                    .param("to", utc(to))
                    .param("cut", utc(minuteCut))
                    .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                    .single();
            return k < 0 ? new EventCounts(sums[0], sums[1]) : EventCounts.ofGood(sums[0], Math.min(sums[0], sums[2]));
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
            Indicator indicator, Duration window, Layout layout, List<Map<String, long[]>> pieces, double[] bounds) {
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
            case Indicator.Probe p -> throw new IllegalArgumentException("not a gateway indicator");
        }
        long[] sum = new long[layout.width()];
        for (Map<String, long[]> piece : pieces) {
            add(sum, piece.get(route));
        }
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

    /** Minute rows older than this are final: the gateway's roll-up recomputes only the last 15 minutes. */
    static Instant settledMinutes(StorePlan plan) {
        Instant settled = StorePlan.floor(plan.now().minus(Duration.ofMinutes(15)), 60);
        return settled.isBefore(plan.hourCut()) ? plan.hourCut() : settled;
    }

    /** The kinds of rows a window is stitched from, oldest first. */
    enum Piece {
        /** One-hour rows before the hour cut: final; kept, and shifted when the hour cut moves. */
        HOURS(3600, false),
        /**
         * One-minute rows from the hour cut until 15 minutes ago: final (the gateway recomputes only the last 15
         * minutes); kept per clock hour, and shifted each minute.
         */
        SETTLED_MINUTES(60, true),
        /** One-minute rows of the 5 minutes before the minute cut: roll-ups may still change them; read each minute. */
        MINUTES(60, false),
        /** Raw buckets after the minute cut: kept, the newest read again every cycle. */
        RAW(StorePlan.RAW_SECONDS, false);

        final int seconds;
        /** Whether the sums are kept per clock hour, so that an hour leaving the piece is dropped from memory. */
        final boolean hourly;

        Piece(int seconds, boolean hourly) {
            this.seconds = seconds;
            this.hourly = hourly;
        }

        /** The SQL of a row's part key: its clock hour where the piece keeps hours apart, else 0. */
        String partKey() {
            return hourly ? "floor(extract(epoch FROM m.bucket_start) / 3600)::bigint" : "0::bigint";
        }

        Instant upper(StorePlan plan) {
            return switch (this) {
                case HOURS -> plan.hourCut();
                case SETTLED_MINUTES -> settledMinutes(plan);
                case MINUTES -> plan.minuteCut();
                case RAW -> plan.now();
            };
        }

        Instant lower(StorePlan plan, List<Instant> clamped) {
            return switch (this) {
                case HOURS -> clamped.stream().min(Instant::compareTo).orElseThrow();
                case SETTLED_MINUTES -> plan.hourCut();
                case MINUTES -> settledMinutes(plan);
                case RAW -> plan.minuteCut();
            };
        }
    }

    /**
     * The sums of one piece. A piece's sums depend only on its bounds and on where each window's start falls
     * inside it, so they are kept while those stay the same: the hour piece for an hour, the minute piece for a
     * minute (window starts in it are floored to the minute). Raw buckets are kept one by one (see rawPiece).
     * The two settled pieces are shifted when their cuts move, and handed to the snapshot writer when they
     * change (see {@link StoreSnapshots}).
     */
    private Map<String, long[]> piece(Piece piece, Layout layout, StorePlan plan, Set<String> routes) {
        Instant upper = piece.upper(plan);
        Instant floor = piece == Piece.HOURS ? Instant.EPOCH : piece.lower(plan, List.of());
        List<Instant> clamped = layout.windows().stream()
                .map(plan::alignedStart)
                .map(start -> start.isAfter(upper) ? upper : start.isBefore(floor) ? floor : start)
                .toList();
        Instant lower = piece.lower(plan, clamped);
        if (!lower.isBefore(upper) || clamped.stream().allMatch(upper::equals)) {
            return Map.of();
        }
        if (piece == Piece.RAW) {
            return rawPiece(layout, plan, routes);
        }
        KeptPiece kept = cache.get(piece);
        if (kept != null && kept.sameAs(lower, upper, clamped, layout.goodBuckets(), routes)) {
            return kept.sums();
        }
        Map<String, Map<Long, long[]>> parts =
                kept != null && piece != Piece.MINUTES && kept.shiftableTo(upper, clamped, layout.goodBuckets(), routes)
                        ? shift(piece, kept, lower, upper, clamped, layout)
                        : sum(layout, plan, routes, piece, lower, upper);
        KeptPiece fresh = KeptPiece.of(lower, upper, clamped, layout.goodBuckets(), routes, parts);
        cache.put(piece, fresh);
        if (snapshots != null && piece != Piece.MINUTES) {
            snapshots.save(schema, piece.name(), fresh);
        }
        return fresh.sums();
    }

    /**
     * When a settled piece's upper cut moves, each window's sums change only at their two ends: the rows newly
     * settled ({@code [old cut, new cut)}) come in, and the rows between the window's old and new start go out
     * (or come in, should a start move back). One statement over those few rows instead of the whole piece.
     *
     * <p>The minute piece's lower cut is the hour cut: when it moves, the rows below it go out of every window
     * at once, and those are exactly the parts of the hours that leave, so they are dropped from memory and
     * every range is read from the new lower cut on. The hour turn then reads the minute that settled and the
     * one-minute moves of the windows starting inside the piece, not the leaving hour's 60 rows per route.
     * Example: at 13:00:56 the cut moves from 10:00 to 11:00; a 2 h window moves from 10:59 to 11:00; its part
     * of the 10:00 hour is rows 10:59 on only (the part holds each window's rows at or after its start), so
     * dropping the part takes out just what the window held there.
     */
    private Map<String, Map<Long, long[]>> shift(
            Piece piece, KeptPiece kept, Instant lower, Instant upper, List<Instant> starts, Layout layout) {
        // rows below this leave with their hour parts; nothing below it needs reading (the hour piece has one part)
        Instant dropBelow = piece.hourly ? lower : Instant.EPOCH;
        int perWindow = 2 + layout.goodBuckets().size();
        Map<String, Object> params = new HashMap<>();
        // range -1: the rows that settled, into every window; range r: the rows between moved starts
        List<String> branches = new ArrayList<>();
        branches.add(branch(piece, layout, -1, "c", later(kept.upper(), dropBelow), upper, params));
        int[] sign = new int[starts.size()];
        // windows whose starts moved alike share one range (every window held at the piece's lower bound does)
        int[] column = new int[starts.size()];
        List<List<Instant>> ranges = new ArrayList<>();
        for (int w = 0; w < starts.size(); w++) {
            Instant before = later(kept.starts().get(w), dropBelow);
            Instant after = starts.get(w);
            sign[w] = Integer.compare(before.compareTo(after), 0);
            List<Instant> range = before.isBefore(after) ? List.of(before, after) : List.of(after, before);
            int r = ranges.indexOf(range);
            if (r < 0) {
                r = ranges.size();
                ranges.add(range);
                if (sign[w] != 0) {
                    branches.add(branch(piece, layout, r, "r" + r, range.get(0), range.get(1), params));
                }
            }
            column[w] = r;
        }
        // One branch per range, each narrowed to the sums before they are grouped: as one scan with OR-ed ranges
        // the planner sorted whole histograms, spilling to disk.
        StringBuilder sql = new StringBuilder("SELECT route, part, span, sum(requests), sum(server_errors)");
        for (int g = 0; g < layout.goodBuckets().size(); g++) {
            sql.append(", sum(good").append(g).append(")");
        }
        sql.append(" FROM (").append(String.join(" UNION ALL ", branches)).append(") moved GROUP BY 1, 2, 3");
        Map<String, Map<Long, long[]>> parts = kept.copyOfParts();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            String route = rs.getString(1);
            if (!kept.routes().contains(route)) {
                return;
            }
            long[] part = parts.computeIfAbsent(route, r -> new HashMap<>())
                    .computeIfAbsent(rs.getLong(2), key -> new long[layout.width()]);
            int range = rs.getInt(3);
            for (int w = 0; w < starts.size(); w++) {
                // a window that reads nothing of this piece has its start at the cut, which moved: in and out cancel
                int weight = range < 0 ? 1 : column[w] == range ? sign[w] : 0;
                if (weight != 0) {
                    for (int i = 0; i < perWindow; i++) {
                        part[w * perWindow + i] += weight * rs.getLong(4 + i);
                    }
                }
            }
        });
        if (piece.hourly) {
            long firstKept = dropBelow.getEpochSecond() / 3600;
            parts.values().forEach(byHour -> byHour.keySet().removeIf(hour -> hour < firstKept));
        }
        return parts;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The rows of one range, narrowed to what is summed (the histogram reduced to one sum per threshold). Hour rows
     * are asked for by their hours ({@code = ANY}): for a range the planner multiplies the share of hour rows by
     * the share of the table in those times, which near the cuts the minute and raw rows crowd, expects a
     * hundred thousand rows instead of 5,000 per hour, and scans the whole table (0.8 s at an hour turn instead
     * of a few ms); an equality is estimated per distinct time.
     */
    private String branch(
            Piece piece,
            Layout layout,
            int range,
            String name,
            Instant from,
            Instant until,
            Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("SELECT m.route, ")
                .append(piece.partKey())
                .append(" AS part, ")
                .append(range)
                .append(" AS span, m.requests, m.server_errors");
        for (int g = 0; g < layout.goodBuckets().size(); g++) {
            sql.append(", ")
                    .append(firstBuckets(layout.goodBuckets().get(g)))
                    .append(" AS good")
                    .append(g);
        }
        sql.append(" FROM ")
                .append(schema)
                .append(".request_metrics m WHERE m.resolution_seconds = ")
                .append(piece.seconds);
        if (piece == Piece.HOURS) {
            List<String> hours = new ArrayList<>();
            for (Instant hour = from; hour.isBefore(until); hour = hour.plusSeconds(3600)) {
                hours.add(hour.toString());
            }
            params.put(name, hours.toArray(String[]::new));
            return sql.append(" AND m.bucket_start = ANY(CAST(:")
                    .append(name)
                    .append(" AS timestamptz[]))")
                    .toString();
        }
        params.put(name + "from", utc(from));
        params.put(name + "until", utc(until));
        return sql.append(" AND m.bucket_start >= :")
                .append(name)
                .append("from AND m.bucket_start < :")
                .append(name)
                .append("until")
                .toString();
    }

    /**
     * After a restart all ten minutes are read (650,000 rows for 5,000 routes, about a second of the database's
     * time): a range longer than {@link #RAW_SPLIT} is read in two halves at once, the older on a second
     * connection and thread, kept aside and appended first.
     */
    private void readRawSplit(
            String sql, Instant from, Instant until, Layout layout, Set<String> routes, RawBuckets into) {
        if (Duration.between(from, until).compareTo(RAW_SPLIT) <= 0) {
            readRaw(sql, from, until, routes, into);
            return;
        }
        Instant mid = StorePlan.floor(from.plus(Duration.between(from, until).dividedBy(2)), StorePlan.RAW_SECONDS);
        CompletableFuture<RawBuckets> older = CompletableFuture.supplyAsync(
                () -> {
                    RawBuckets half = new RawBuckets(layout.goodBuckets(), routes);
                    readRaw(sql, from, mid, routes, half);
                    return half;
                },
                rawHelper);
        RawBuckets newer = new RawBuckets(layout.goodBuckets(), routes);
        try {
            readRaw(sql, mid, until, routes, newer);
        } finally {
            into.appendAll(joinedRaw(older));
        }
        into.appendAll(newer);
    }

    private void readRaw(String sql, Instant from, Instant until, Set<String> routes, RawBuckets into) {
        jdbc.sql(sql).param("from", utc(from)).param("now", utc(until)).query(rs -> {
            String route = rs.getString(1);
            if (routes.contains(route)) {
                long[] sums = new long[into.width];
                for (int i = 0; i < sums.length; i++) {
                    sums[i] = rs.getLong(i + 3);
                }
                into.append(route, rs.getLong(2), sums);
            }
        });
    }

    private static RawBuckets joinedRaw(CompletableFuture<RawBuckets> half) {
        try {
            return half.join();
        } catch (CompletionException failure) {
            if (failure.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failure;
        }
    }

    private Map<String, long[]> timed(Piece piece, Layout layout, StorePlan plan, Set<String> routes) {
        long started = System.nanoTime();
        Map<String, long[]> sums = piece(piece, layout, plan, routes);
        lastRead.put(piece, (System.nanoTime() - started) / 1e9);
        return sums;
    }

    private static Map<String, long[]> joined(CompletableFuture<Map<String, long[]>> piece) {
        try {
            return piece.join();
        } catch (CompletionException failure) {
            if (failure.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failure;
        }
    }

    /**
     * A graceful stop (see EvaluationConfiguration#rawBucketsOnStop): the raw buckets kept in memory are saved, after the settled sums still
     * queued, so that the next start reads only the raw buckets since now.
     */
    synchronized void close() {
        if (snapshots != null && raw != null && raw.readUntil != null) {
            // written after the queued sums, by the same thread; a stop waits for it at most 5 s
            snapshots.saveRaw(schema, raw, Duration.ofSeconds(5));
        }
    }

    /** Waits until the settled sums handed to the snapshot writer are saved (tests and the benchmark). */
    void flushSnapshots() {
        if (snapshots != null) {
            snapshots.flush();
        }
    }

    /**
     * Once after start-up: the settled pieces as last saved, if the store still holds every row a shift from them
     * would read. {@link #piece} then treats them as if kept since then: same bounds, used as they are; same
     * routes and thresholds, shifted by the rows that came in and went out since; anything else, summed afresh.
     * And the raw buckets saved on a graceful stop (see {@link #close}), used by {@link #rawPiece} like those of
     * a previous cycle when the routes and thresholds are the same.
     */
    private void restore(StorePlan plan) {
        if (restored || snapshots == null) {
            return;
        }
        restored = true;
        snapshots.loadRaw(schema, plan.now()).ifPresent(saved -> raw = saved);
        snapshots.load(schema).forEach((name, kept) -> {
            if (name.equals(Piece.HOURS.name()) || name.equals(Piece.SETTLED_MINUTES.name())) {
                cache.put(Piece.valueOf(name), kept);
            }
        });
    }

    /**
     * Raw buckets: kept between cycles, so a cycle reads only those of the last {@link #RAW_UNSETTLED} and the
     * ones since the previous cycle (a few per route instead of ten minutes' worth). Every gateway replica adds
     * a bucket's counts at its end; a replica that flushes later than that (after a database outage) is seen
     * once the bucket is older than the minute cut and counted from the minute rows.
     */
    private Map<String, long[]> rawPiece(Layout layout, StorePlan plan, Set<String> routes) {
        Instant from = plan.minuteCut();
        if (raw == null || !raw.goodBuckets.equals(layout.goodBuckets()) || !raw.routes.equals(routes)) {
            raw = new RawBuckets(layout.goodBuckets(), routes);
        } else if (raw.readUntil != null && raw.readUntil.minus(RAW_UNSETTLED).isAfter(from)) {
            from = StorePlan.floor(raw.readUntil.minus(RAW_UNSETTLED), StorePlan.RAW_SECONDS);
        }
        raw.trim(plan.minuteCut().getEpochSecond(), from.getEpochSecond());
        // Rows as stored, in time order (the index's), the versions of a bucket added up in RawBuckets: grouping
        // by route and bucket in SQL sorted every row with its whole histogram, spilling to disk after a restart
        // (ten minutes of buckets, 460,000 rows for 5,000 routes: 1.7 s of 2 s).
        StringBuilder sql = new StringBuilder(
                "SELECT m.route, extract(epoch FROM m.bucket_start)::bigint, m.requests, m.server_errors");
        for (int k : layout.goodBuckets()) {
            sql.append(", ").append(firstBuckets(k));
        }
        sql.append(" FROM ")
                .append(schema)
                .append(".request_metrics m WHERE m.resolution_seconds = ")
                .append(StorePlan.RAW_SECONDS)
                .append(" AND m.bucket_start >= :from AND m.bucket_start < :now ORDER BY m.bucket_start");
        RawBuckets into = raw;
        readRawSplit(sql.toString(), from, plan.now(), layout, routes, into);
        raw.readUntil = plan.now();
        long[] starts = layout.windows().stream()
                .mapToLong(w -> plan.alignedStart(w).getEpochSecond())
                .toArray();
        Map<String, long[]> bands = raw.bands(starts);
        int perWindow = raw.width;
        for (long[] row : bands.values()) {
            for (int w = 1; w < layout.windows().size(); w++) {
                for (int i = 0; i < perWindow; i++) {
                    row[w * perWindow + i] += row[(w - 1) * perWindow + i];
                }
            }
        }
        return bands;
    }

    /**
     * One statement: every window's sums per route over the rows of one piece.
     *
     * <p>The windows all end now, so they nest: each row is put in the band of the shortest window that holds
     * it, summed once per route and band, and a window's sums are the sums of its band and the shorter ones.
     * Summing per window instead would evaluate each row's latency sum once per window.
     */
    private Map<String, Map<Long, long[]>> sum(
            Layout layout, StorePlan plan, Set<String> routes, Piece piece, Instant lower, Instant upper) {
        List<Duration> windows = layout.windows();
        StringBuilder band = new StringBuilder("CASE");
        Map<String, Object> params = new HashMap<>();
        for (int w = 0; w < windows.size(); w++) {
            band.append(" WHEN m.bucket_start >= :s").append(w).append(" THEN ").append(w);
            params.put("s" + w, utc(plan.alignedStart(windows.get(w))));
        }
        band.append(" ELSE -1 END");
        // The inner query narrows each row to what is summed before the rows are grouped (OFFSET 0 keeps the
        // planner from merging it away): grouped as they were, whole histograms were sorted, 1.4 GB spilled to
        // disk for the hour rows of 31 days.
        StringBuilder sql = new StringBuilder("SELECT route, band, part, sum(requests), sum(server_errors)");
        for (int g = 0; g < layout.goodBuckets().size(); g++) {
            sql.append(", sum(good").append(g).append(")");
        }
        sql.append(" FROM (SELECT m.route, ")
                .append(band)
                .append(" AS band, ")
                .append(piece.partKey())
                .append(" AS part, m.requests, m.server_errors");
        for (int g = 0; g < layout.goodBuckets().size(); g++) {
            sql.append(", ")
                    .append(firstBuckets(layout.goodBuckets().get(g)))
                    .append(" AS good")
                    .append(g);
        }
        // No filter on the wanted routes: as a join it makes the planner expect even more groups; as a parameter
        // array it is tested row by row. The rows of routes without an SLO are summed and dropped here.
        sql.append(" FROM ").append(schema).append(".request_metrics m WHERE ");
        sql.append("m.resolution_seconds = ")
                .append(piece.seconds)
                .append(" AND m.bucket_start >= :lower AND m.bucket_start < :upper");
        params.put("lower", utc(lower));
        params.put("upper", utc(upper));
        sql.append(" OFFSET 0) narrowed GROUP BY 1, 2, 3");
        int perWindow = 2 + layout.goodBuckets().size();
        Map<String, Map<Long, long[]>> parts = new HashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            int b = rs.getInt(2);
            if (b < 0 || !routes.contains(rs.getString(1))) {
                return;
            }
            long[] row = parts.computeIfAbsent(rs.getString(1), route -> new HashMap<>())
                    .computeIfAbsent(rs.getLong(3), key -> new long[layout.width()]);
            for (int i = 0; i < perWindow; i++) {
                row[b * perWindow + i] += rs.getLong(i + 4);
            }
        });
        // from bands to windows: window w holds its own band and every shorter window's
        for (Map<Long, long[]> byKey : parts.values()) {
            for (long[] row : byKey.values()) {
                for (int w = 1; w < windows.size(); w++) {
                    for (int i = 0; i < perWindow; i++) {
                        row[w * perWindow + i] += row[(w - 1) * perWindow + i];
                    }
                }
            }
        }
        return parts;
    }

    /** {@code (m.latency_counts[1] + … + m.latency_counts[k])}: plain subscripts, no per-row subquery. */
    static String firstBuckets(int k) {
        List<String> terms = new ArrayList<>(k);
        for (int i = 1; i <= k; i++) {
            terms.add("m.latency_counts[" + i + "]");
        }
        return "(" + String.join(" + ", terms) + ")";
    }

    synchronized double[] bounds() {
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
