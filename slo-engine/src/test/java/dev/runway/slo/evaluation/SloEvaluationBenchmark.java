package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.slo.definition.Indicator;
import dev.runway.slo.definition.SloSpec;
import dev.runway.slo.policy.rules.BudgetPolicy;
import dev.runway.slo.policy.rules.Posture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Burn rates and postures for 10,000 SLOs per evaluation cycle (goal: at most 2 s on 2 cores), against real
 * PostgreSQL holding a seeded gateway metrics store. Not part of the test suite (the name ends in Benchmark);
 * run it with
 *
 * <pre>./mvnw -q -B -pl slo-engine test -Dtest=SloEvaluationBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>Shape: 5,000 routes, each with an availability SLO (30 d, 99.9 %) and a latency SLO (300 ms, 99 %; a
 * third 28 d, a third 7 d, a third calendar month), i.e. 10,000 SLOs over 5,000 services. Every route has
 * traffic in every bucket: one-hour rows for 31 days, one-minute rows for the last 4 hours, raw 5 s rows for
 * the last 15 minutes and the next 8 (what the reads cover; the older minute and raw rows a real store keeps are
 * not read and not seeded; the raw rows ahead are there for the cycles measured minutes after seeding, whose
 * reads stop at their own now). 5 % of routes also have a canary; 1 % of routes are failing 20 % of requests now, so their pages
 * fire and the cycle asks a stand-in controller to abort their rollouts, as it would in production.
 */
@SpringBootTest(
        properties = {
            "runway.slo.interval=PT1H",
            "runway.slo.gateway-schema=bench_traffic",
            "logging.level.dev.runway.slo=WARN"
        })
class SloEvaluationBenchmark {
    static final int ROUTES = 5_000;
    static final int STEADY_CYCLES = 10;
    static HttpServer controller;

    @DynamicPropertySource
    static void standInController(DynamicPropertyRegistry registry) throws IOException {
        controller = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controller.createContext("/api/v1/rollouts", exchange -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        controller.start();
        registry.add(
                "runway.slo.rollout-controller-url",
                () -> "http://127.0.0.1:" + controller.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        controller.stop(0);
    }

    @Autowired
    SloEvaluator evaluator;

    @Autowired
    SloStatusBoard board;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    GatewayStoreSource gatewaySource;

    @Autowired
    List<EventSource> sources;

    @Autowired
    dev.runway.slo.definition.SloStore sloStore;

    @Autowired
    AlertLedger ledger;

    @Autowired
    RolloutAborter rolloutAborter;

    @Autowired
    dev.runway.slo.notify.AlertNotifier notifier;

    @Test
    void tenThousandSlosPerCycle() throws Exception {
        Instant seededAt = Instant.now();
        long seedStart = System.nanoTime();
        seedStore(seededAt);
        seedSlos();
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        long rows = jdbc.sql("SELECT count(*) FROM bench_traffic.request_metrics")
                .query(Long.class)
                .single();
        String size = jdbc.sql("SELECT pg_size_pretty(pg_total_relation_size('bench_traffic.request_metrics'))")
                .query(String.class)
                .single();

        // the bulk read alone, cold (reads the settled hours) and warm (the hour sums are kept)
        List<Indicator> indicators = new ArrayList<>();
        Set<Duration> windows = new java.util.HashSet<>();
        Instant now = Instant.now();
        for (SloSpec slo : specs()) {
            indicators.add(slo.indicator());
            windows.addAll(dev.runway.slo.budget.SloStatus.alertWindows(slo.windowDuration()));
            windows.add(SloEvaluator.sloWindowSoFar(slo, now));
        }
        // every reader here saves its settled sums, as in production; the table starts empty (a new store)
        StoreSnapshots benchSnapshots = new StoreSnapshots(jdbc);
        jdbc.sql("DELETE FROM gateway_store_snapshots").update();
        var fresh = new GatewayStoreSource(jdbc, "bench_traffic", benchSnapshots);
        double coldRead = seconds(() -> fresh.read(indicators, windows, now));
        // the snapshot of the cold read's sums, written by the background thread (waited for here only)
        benchSnapshots.flush();
        long snapshotWrites = benchSnapshots.writes();
        double snapshotSave = benchSnapshots.writeSeconds();
        long snapshotBytes = jdbc.sql("SELECT coalesce(sum(length(sums)), 0) FROM gateway_store_snapshots")
                .query(Long.class)
                .single();
        // a restart two minutes later: a new reader loads the snapshot and reads the rows after its cuts
        var restartedReader = new GatewayStoreSource(jdbc, "bench_traffic", benchSnapshots);
        double restartRead = seconds(() -> restartedReader.read(indicators, windows, now.plusSeconds(120)));
        String restartPieces = restartedReader.lastRead.toString();
        double warmRead = seconds(() -> fresh.read(indicators, windows, now.plusSeconds(1)));
        // the cycle after the minute cut moves (the minute rows are summed again) and after the hour cut moves
        // (the kept hour sums are shifted by the hours that came in and went out)
        double minuteTurn = seconds(() -> fresh.read(indicators, windows, now.plusSeconds(61)));
        double hourTurn = seconds(() -> fresh.read(indicators, windows, now.plusSeconds(3661)));
        // a real hour turn on seeded rows: a reader at the last full hour minus 10 s, then 5 s after it
        Instant turn = StorePlan.floor(now, 3600);
        var turning = new GatewayStoreSource(jdbc, "bench_traffic");
        turning.read(indicators, windows, turn.minusSeconds(10));
        double realHourTurn = seconds(() -> turning.read(indicators, windows, turn.plusSeconds(5)));
        String turnPieces = turning.lastRead.toString();
        benchSnapshots.flush();
        // the whole cycles below start cold: no snapshot
        jdbc.sql("DELETE FROM gateway_store_snapshots").update();

        // whole cycles: read, decide, record transitions, publish postures, abort calls for burning services
        List<Double> cycles = new ArrayList<>();
        SloEvaluator.Cycle first = null;
        SloEvaluator.Cycle last = null;
        for (int i = 0; i <= STEADY_CYCLES; i++) {
            long start = System.nanoTime();
            last = evaluator.evaluateAll();
            Map<Posture, Integer> postures = postures();
            cycles.add((System.nanoTime() - start) / 1e9);
            if (i == 0) {
                first = last;
            }
            assertThat(postures.values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(ROUTES);
        }
        assertThat(last.evaluated()).isEqualTo(2 * ROUTES);
        Map<Posture, Integer> postures = postures();

        // the first cycle after a restart two minutes later, from the snapshot the evaluator's reader saved; the
        // alerts are deleted first so that it opens all of them again (a restart usually finds them open)
        gatewaySource.flushSnapshots();
        jdbc.sql("DELETE FROM alerts").update();
        MovableClock restartClock = new MovableClock(Instant.now().plusSeconds(120));
        GatewayStoreSource restartedSource = new GatewayStoreSource(jdbc, "bench_traffic", benchSnapshots);
        SloEvaluator restarted = evaluator(restartedSource, restartClock);
        long restartStart = System.nanoTime();
        SloEvaluator.Cycle afterRestart = restarted.evaluateAll();
        double restartCycle = (System.nanoTime() - restartStart) / 1e9;
        assertThat(afterRestart.evaluated()).isEqualTo(2 * ROUTES);
        String restartCyclePieces = restartedSource.lastRead.toString();

        // the same after a graceful stop: that process stops (saving its raw buckets) and starts a minute later
        restartedSource.close();
        jdbc.sql("DELETE FROM alerts").update();
        GatewayStoreSource gracefulSource = new GatewayStoreSource(jdbc, "bench_traffic", benchSnapshots);
        SloEvaluator graceful = evaluator(gracefulSource, new MovableClock(restartClock.now.plusSeconds(60)));
        long gracefulStart = System.nanoTime();
        SloEvaluator.Cycle afterStop = graceful.evaluateAll();
        double gracefulCycle = (System.nanoTime() - gracefulStart) / 1e9;
        assertThat(afterStop.evaluated()).isEqualTo(2 * ROUTES);

        // the cycle after a real hour turn: an evaluator at the last full hour minus 10 s, then 5 s after it
        MovableClock turnClock = new MovableClock(turn.minusSeconds(10));
        SloEvaluator turningEvaluator = evaluator(new GatewayStoreSource(jdbc, "bench_traffic"), turnClock);
        turningEvaluator.evaluateAll();
        turnClock.now = turn.plusSeconds(5);
        long turnStart = System.nanoTime();
        SloEvaluator.Cycle turned = turningEvaluator.evaluateAll();
        double hourTurnCycle = (System.nanoTime() - turnStart) / 1e9;
        List<Double> steady = cycles.subList(1, cycles.size()).stream().sorted().toList();
        String report = String.format(
                Locale.ROOT,
                """
                # SloEvaluationBenchmark, %s
                cores: %d, load average before: %s
                seeded: %,d rows (%s) in %.1f s; %,d SLOs on %,d routes
                bulk read alone: cold %.3f s (with the settled hours, no snapshot), warm %.3f s, minute turn %.3f s, hour turn %.3f s (+1 h jump, no rows seeded after now)
                bulk read alone at a real hour turn (%s, last full hour + 5 s after a read at - 10 s): %.3f s, by piece %s
                snapshot of the cold read's sums: %d pieces written in %.3f s by the background thread, %,d bytes; read after a restart 2 min later from it: %.3f s, by piece %s
                first cycle (cold, no snapshot, %d transitions recorded): %.3f s
                steady cycles (%d): median %.3f s, max %.3f s, all %s
                first cycle after a restart 2 min later, with the snapshot (alerts deleted before: %d transitions recorded): %.3f s, read by piece %s
                first cycle after a graceful stop and a start 1 min later (raw buckets saved at the stop; alerts deleted before: %d transitions recorded): %.3f s, read by piece %s
                cycle after a real hour turn (%s + 5 s, after a cycle at - 10 s; %d transitions recorded): %.3f s
                postures: %s
                """,
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip(),
                rows,
                size,
                seedSeconds,
                last.slos(),
                ROUTES,
                coldRead,
                warmRead,
                minuteTurn,
                hourTurn,
                turn,
                realHourTurn,
                turnPieces,
                snapshotWrites,
                snapshotSave,
                snapshotBytes,
                restartRead,
                restartPieces,
                first.transitions(),
                cycles.getFirst(),
                steady.size(),
                steady.get(steady.size() / 2),
                steady.getLast(),
                cycles.subList(1, cycles.size()).stream()
                        .map(s -> String.format(Locale.ROOT, "%.3f", s))
                        .toList(),
                afterRestart.transitions(),
                restartCycle,
                restartCyclePieces,
                afterStop.transitions(),
                gracefulCycle,
                gracefulSource.lastRead,
                turn,
                turned.transitions(),
                hourTurnCycle,
                postures);
        System.out.println(report);
        Files.writeString(Path.of("target", "slo-evaluation-benchmark.txt"), report);
    }

    /** An evaluator like the application's, reading the gateway store through {@code source}, at {@code clock}. */
    private SloEvaluator evaluator(GatewayStoreSource source, java.time.Clock clock) {
        List<EventSource> replaced = sources.stream()
                .map(s -> s instanceof GatewayStoreSource ? (EventSource) source : s)
                .toList();
        return new SloEvaluator(sloStore, replaced, ledger, board, rolloutAborter, notifier, clock);
    }

    /** A clock the benchmark sets. */
    static final class MovableClock extends java.time.Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private Map<Posture, Integer> postures() {
        Map<Posture, Integer> counts = new EnumMap<>(Posture.class);
        for (int r = 0; r < ROUTES; r++) {
            var budget = board.budgetRemaining(service(r));
            counts.merge(
                    BudgetPolicy.DEFAULT.postureFor(budget.isPresent() ? budget.getAsDouble() : null), 1, Integer::sum);
        }
        return counts;
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static String route(int r) {
        return String.format(Locale.ROOT, "r%04d", r);
    }

    private static String service(int r) {
        return "svc-" + route(r);
    }

    private static List<SloSpec> specs() {
        List<SloSpec> specs = new ArrayList<>(2 * ROUTES);
        String[] latencyWindows = {"28d", "7d", "1M"};
        for (int r = 0; r < ROUTES; r++) {
            specs.add(spec(
                    route(r) + "-availability", service(r), new Indicator.GatewayAvailability(route(r)), 0.999, "30d"));
            specs.add(spec(
                    route(r) + "-latency",
                    service(r),
                    new Indicator.GatewayLatency(route(r), 300.0),
                    0.99,
                    latencyWindows[r % 3]));
        }
        return specs;
    }

    private static SloSpec spec(String name, String service, Indicator indicator, double target, String window) {
        return new SloSpec(
                name, null, service, null, null, indicator, target, null, window, null, null, null, null, null, null,
                null);
    }

    private void seedSlos() {
        jdbc.sql("DELETE FROM slos").update();
        List<SloSpec> specs = specs();
        for (int from = 0; from < specs.size(); from += 1000) {
            StringBuilder sql = new StringBuilder("INSERT INTO slos (name, service, spec) VALUES ");
            Map<String, Object> params = new java.util.HashMap<>();
            for (int i = from; i < Math.min(from + 1000, specs.size()); i++) {
                SloSpec slo = specs.get(i);
                sql.append(i == from ? "" : ", ")
                        .append("(:n")
                        .append(i)
                        .append(", :s")
                        .append(i)
                        .append(", CAST(:j")
                        .append(i)
                        .append(" AS jsonb))");
                params.put("n" + i, slo.name());
                params.put("s" + i, slo.service());
                params.put("j" + i, json.writeValueAsString(slo));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    /**
     * One statement per resolution, rows in time order as the gateway appends them (every replica flushes all
     * its routes' buckets at each boundary), so the table is clustered by time as a real store is. Healthy traffic fails 0.05 % of requests with 99.5 % under 300 ms; routes
     * r0000, r0100, … (1 %) fail 20 % in the last 15 minutes.
     */
    private void seedStore(Instant now) throws Exception {
        MetricsStoreFixture.create("bench_traffic");
        StorePlan plan = StorePlan.at(now);
        Instant hourFrom = StorePlan.floor(now.minus(Duration.ofDays(31)), 3600);
        Instant minuteFrom = StorePlan.floor(now.minus(Duration.ofHours(4)), 3600);
        Instant rawFrom = StorePlan.floor(now.minus(Duration.ofMinutes(15)), 60);
        insert(3600, hourFrom, plan.hourCut(), 360_000, "stable", false);
        insert(60, minuteFrom, plan.minuteCut(), 6_000, "stable", false);
        // raw buckets run eight minutes past the seeding, so that the cycles measured minutes later (and the
        // restarts two and three minutes after them) find their newest buckets as in production; reads stop at
        // their now
        Instant rawUntil = now.plus(Duration.ofMinutes(8));
        insert(5, rawFrom, rawUntil, 500, "stable", true);
        // raw buckets around the last full hour (read by the hour-turn measures) when the last 15 minutes miss them
        Instant turn = StorePlan.floor(now, 3600);
        Instant turnRawFrom = turn.minus(Duration.ofMinutes(11));
        if (turnRawFrom.isBefore(rawFrom)) {
            Instant until = turn.plusSeconds(60).isBefore(rawFrom) ? turn.plusSeconds(60) : rawFrom;
            insert(5, turnRawFrom, until, 500, "stable", false);
            insert(5, turnRawFrom, until, 25, "canary", false);
        }
        insert(60, minuteFrom, plan.minuteCut(), 300, "canary", false);
        insert(5, rawFrom, rawUntil, 25, "canary", true);
        jdbc.sql("ANALYZE bench_traffic.request_metrics").update();
    }

    private void insert(int resolution, Instant from, Instant to, long requests, String version, boolean burning) {
        // histogram: 99.5 % at <= 100 ms (bucket 18), 0.5 % at <= 1,100 ms (bucket 31)
        long slow = requests / 200;
        StringBuilder histogram = new StringBuilder("ARRAY[");
        for (int i = 0; i <= MetricsStoreFixture.BOUNDS_MS.length; i++) {
            long n = i == 17 ? requests - slow : i == 30 ? slow : 0;
            histogram.append(i == 0 ? "" : ",").append(n);
        }
        histogram.append("]::bigint[]");
        String errors = burning
                ? "CASE WHEN r % 100 = 0 THEN " + requests / 5 + " ELSE " + requests / 2000 + " END"
                : String.valueOf(requests / 2000);
        String routes = "canary".equals(version)
                ? "generate_series(0, " + (ROUTES - 1) + ", 20)"
                : "generate_series(0, " + (ROUTES - 1) + ")";
        jdbc.sql("""
                INSERT INTO bench_traffic.request_metrics
                SELECT 'r' || lpad(r::text, 4, '0'), :version, :resolution, t, :requests, %s, %s
                FROM generate_series(:from, :last, make_interval(secs => :resolution)) AS t, %s AS r
                ORDER BY t, r
                """.formatted(errors, histogram, routes))
                .param("version", version)
                .param("resolution", resolution)
                .param("requests", requests)
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("last", to.minusSeconds(resolution).atOffset(ZoneOffset.UTC))
                .update();
    }
}
