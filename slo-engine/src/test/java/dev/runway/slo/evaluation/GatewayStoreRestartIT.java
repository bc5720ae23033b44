package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A restarted reader (a new {@link GatewayStoreSource}) starts from the settled sums its predecessor saved and
 * counts what a reader summing everything afresh counts: with rows that arrived in between, and falling back to
 * the full sum when the layout changed or the store no longer holds what a shift would read. At 12:34:56 the
 * hour cut is 10:00 and the minute cut 12:24.
 */
class GatewayStoreRestartIT {
    static final Instant NOW = Instant.parse("2026-11-22T12:34:56Z");
    static final Indicator PAY = new Indicator.GatewayAvailability("pay");
    static final Indicator PAY_FAST = new Indicator.GatewayLatency("pay", 2.0);
    static final Indicator CART = new Indicator.GatewayAvailability("cart");
    static final List<Indicator> INDICATORS = List.of(PAY, PAY_FAST, CART);
    static final Set<Duration> WINDOWS = Set.of(
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Duration.ofDays(1),
            Duration.ofDays(3),
            Duration.ofDays(30));

    static JdbcClient engine;
    JdbcClient store;
    StoreSnapshots snapshots;

    @BeforeAll
    static void engineTables() throws Exception {
        engine = EngineSchemaFixture.create("restart_it_engine", "V7__gateway_store_snapshots.sql");
    }

    /** 32 days of hour rows and 4 h of minute rows until 12:24 on both routes, each row a different count. */
    @BeforeEach
    void store() throws Exception {
        store = MetricsStoreFixture.create("restart_it");
        engine.sql("DELETE FROM gateway_store_snapshots").update();
        snapshots = new StoreSnapshots(engine);
        rows(3600, "2026-10-21 08:00Z", "2026-11-22 09:00Z");
        rows(60, "2026-11-22 08:00Z", "2026-11-22 12:23Z");
        rows(5, "2026-11-22 12:24Z", "2026-11-22 12:34:50Z");
    }

    @Test
    void aRestartedReaderCountsWhatAFreshReaderCountsWithTheRowsThatArrivedSince() {
        saveAt(NOW);
        // while the engine was down: an hour and a quarter of rows, the 10:00 and 11:00 hour rows settled
        rows(3600, "2026-11-22 10:00Z", "2026-11-22 11:00Z");
        rows(60, "2026-11-22 12:24Z", "2026-11-22 13:40Z");
        rows(5, "2026-11-22 13:40Z", "2026-11-22 13:50:00Z");
        Instant restart = NOW.plus(Duration.ofMinutes(75));

        assertSameAsFresh(new GatewayStoreSource(store, "restart_it", snapshots), restart);
        // and it keeps shifting from there
        GatewayStoreSource restarted = new GatewayStoreSource(store, "restart_it", snapshots);
        restarted.read(INDICATORS, WINDOWS, restart);
        assertSameAsFresh(restarted, restart.plus(Duration.ofMinutes(1)));
        assertSameAsFresh(restarted, restart.plus(Duration.ofHours(1)));
    }

    @Test
    void aRestartedReaderStartsFromTheSavedSumsInsteadOfReadingTheSettledRowsAgain() {
        saveAt(NOW);
        // a settled row changed behind the saved sums' back (it never does in a real store): only a full sum sees it
        store.sql("UPDATE restart_it.request_metrics SET requests = requests + 1000000"
                        + " WHERE route = 'pay' AND resolution_seconds = 3600 AND bucket_start = '2026-11-10 00:00Z'")
                .update();
        Instant restart = NOW.plus(Duration.ofSeconds(30));
        var restarted = new GatewayStoreSource(store, "restart_it", snapshots).read(INDICATORS, WINDOWS, restart);
        var fresh = fresh().read(INDICATORS, WINDOWS, restart);

        EventCounts saved = restarted.count(PAY, Duration.ofDays(30));
        assertThat(fresh.count(PAY, Duration.ofDays(30)).total() - saved.total())
                .isEqualTo(1_000_000);
    }

    @Test
    void afterAGracefulStopTheRestartedReaderCountsWhatAFreshReaderCountsFromTheSavedRawBuckets() {
        GatewayStoreSource stopped = new GatewayStoreSource(store, "restart_it", snapshots);
        stopped.read(INDICATORS, WINDOWS, NOW);
        stopped.close();
        rows(5, "2026-11-22 12:34:55Z", "2026-11-22 12:35:40Z");
        assertSameAsFresh(new GatewayStoreSource(store, "restart_it", snapshots), NOW.plusSeconds(45));
        // and a minute later, when the minute cut has passed some of the saved buckets
        GatewayStoreSource restarted = new GatewayStoreSource(store, "restart_it", snapshots);
        restarted.read(INDICATORS, WINDOWS, NOW.plusSeconds(45));
        assertSameAsFresh(restarted, NOW.plusSeconds(105));
    }

    @Test
    void afterAGracefulStopTheRestartedReaderReadsOnlyTheRawBucketsSinceTheStop() {
        GatewayStoreSource stopped = new GatewayStoreSource(store, "restart_it", snapshots);
        stopped.read(INDICATORS, WINDOWS, NOW);
        stopped.close();
        // a raw bucket the stopped reader held changes behind the saved buckets' back (never in a real store)
        store.sql("UPDATE restart_it.request_metrics SET requests = requests + 1000"
                        + " WHERE route = 'pay' AND resolution_seconds = 5 AND bucket_start = '2026-11-22 12:30:00Z'")
                .update();
        Instant restart = NOW.plusSeconds(20);
        var restarted = new GatewayStoreSource(store, "restart_it", snapshots).read(INDICATORS, WINDOWS, restart);
        var fresh = fresh().read(INDICATORS, WINDOWS, restart);
        assertThat(fresh.count(PAY, Duration.ofHours(1)).total()
                        - restarted.count(PAY, Duration.ofHours(1)).total())
                .isEqualTo(1000);
    }

    @Test
    void whenTheRoutesThresholdsOrWindowsChangedTheRestartedReaderCountsAsAFreshOne() {
        saveAt(NOW);
        changeASettledRow();
        Instant restart = NOW.plus(Duration.ofMinutes(3));
        // another route: summed afresh, the changed row counts
        Indicator other = new Indicator.GatewayAvailability("other");
        List<Indicator> moreRoutes = List.of(PAY, PAY_FAST, CART, other);
        assertSameAsFresh(new GatewayStoreSource(store, "restart_it", snapshots), moreRoutes, WINDOWS, restart);
        // another latency threshold
        List<Indicator> slower = List.of(PAY, new Indicator.GatewayLatency("pay", 5.0), CART);
        assertSameAsFresh(new GatewayStoreSource(store, "restart_it", snapshots), slower, WINDOWS, restart);
        // more windows
        Set<Duration> more = new java.util.HashSet<>(WINDOWS);
        more.add(Duration.ofDays(7));
        assertSameAsFresh(new GatewayStoreSource(store, "restart_it", snapshots), INDICATORS, more, restart);
    }

    @Test
    void aWindowReplacedByOneOfAnotherLengthIsShiftedFromTheSavedSums() {
        saveAt(NOW);
        rows(60, "2026-11-22 12:24Z", "2026-11-22 12:40Z");
        Set<Duration> other = new java.util.HashSet<>(WINDOWS);
        other.remove(Duration.ofDays(3));
        other.add(Duration.ofDays(7));
        assertSameAsFresh(
                new GatewayStoreSource(store, "restart_it", snapshots),
                INDICATORS,
                other,
                NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void whenRetentionDeletedRowsAShiftWouldReadTheSavedSumsAreNotUsed() {
        saveAt(NOW);
        changeASettledRow();
        // the gateway's retention took the hour rows before 25 October, where the 30-day window started
        store.sql("DELETE FROM restart_it.request_metrics WHERE resolution_seconds = 3600"
                        + " AND bucket_start < '2026-10-25 00:00Z'")
                .update();
        assertSameAsFresh(new GatewayStoreSource(store, "restart_it", snapshots), NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void theStoreStillHoldsWhatAShiftReadsWhileItsOldestHourRowIsUnchangedOrNotPastTheOldestWindowStart() {
        Instant then = Instant.parse("2026-10-21T08:00:00Z");
        Instant start = Instant.parse("2026-10-23T12:00:00Z");
        assertThat(StoreSnapshots.stillHeld(then, then, start)).isTrue();
        assertThat(StoreSnapshots.stillHeld(then, start, start)).isTrue();
        assertThat(StoreSnapshots.stillHeld(then, start.plusSeconds(3600), start))
                .isFalse();
        assertThat(StoreSnapshots.stillHeld(then, then.minusSeconds(3600), start))
                .as("an older store")
                .isFalse();
        assertThat(StoreSnapshots.stillHeld(null, then, start))
                .as("no hour rows then")
                .isFalse();
        assertThat(StoreSnapshots.stillHeld(then, null, start)).as("none now").isFalse();
    }

    /** A reader that saves its sums at {@code at}, written before this returns. */
    private void saveAt(Instant at) {
        new GatewayStoreSource(store, "restart_it", snapshots).read(INDICATORS, WINDOWS, at);
        snapshots.flush();
        assertThat(engine.sql("SELECT count(*) FROM gateway_store_snapshots WHERE store_schema = 'restart_it'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    /** Makes a saved sum wrong, so that a reader that used it would count differently from a fresh one. */
    private void changeASettledRow() {
        store.sql("UPDATE restart_it.request_metrics SET requests = requests + 1000000"
                        + " WHERE resolution_seconds = 3600 AND bucket_start = '2026-11-10 00:00Z'")
                .update();
    }

    private GatewayStoreSource fresh() {
        return new GatewayStoreSource(store, "restart_it");
    }

    private void assertSameAsFresh(GatewayStoreSource restarted, Instant at) {
        assertSameAsFresh(restarted, INDICATORS, WINDOWS, at);
    }

    private void assertSameAsFresh(
            GatewayStoreSource restarted, List<Indicator> indicators, Set<Duration> windows, Instant at) {
        MetricsStoreFixture.assertSameAsFresh(restarted, fresh(), indicators, windows, at);
    }

    /**
     * Rows of one resolution on both routes from {@code from} to {@code to} inclusive, each with a count of its own
     * (from the epoch second) so that a row counted twice or missed shows; half of each row's requests in the
     * first latency bucket, and one in seven rows with errors.
     */
    private void rows(int resolution, String from, String to) {
        store.sql("""
                INSERT INTO restart_it.request_metrics
                SELECT r, 'stable', :res, t, n, CASE WHEN n % 7 = 0 THEN n / 10 ELSE 0 END,
                       array_fill(0::bigint, ARRAY[41])
                FROM (SELECT r, t, 1000 + (extract(epoch FROM t)::bigint / :res) % 997 + length(r) AS n
                      FROM generate_series(CAST(:from AS timestamptz), CAST(:to AS timestamptz),
                                           make_interval(secs => :res)) AS t,
                           unnest(ARRAY['pay', 'cart']) AS r) s
                ON CONFLICT DO NOTHING
                """)
                .param("res", resolution)
                .param("from", from)
                .param("to", to)
                .update();
        // the first bucket (<= 1 ms) holds half of each row's requests
        store.sql("UPDATE restart_it.request_metrics SET latency_counts[1] = requests / 2"
                        + " WHERE resolution_seconds = :res AND latency_counts[1] = 0")
                .param("res", resolution)
                .update();
    }
}
