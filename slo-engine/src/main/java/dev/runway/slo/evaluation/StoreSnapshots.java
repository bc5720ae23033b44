package dev.runway.slo.evaluation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gateway-store reader's settled sums, saved in the engine's own table ({@code gateway_store_snapshots}),
 * so that after a restart the reader shifts them by the rows that came in and went out since, instead of
 * summing every settled hour and minute row again (4 million rows for 5,000 routes and a 31-day window).
 *
 * <p>One row per store schema and piece, replaced whenever the piece changes (the minute piece once a minute,
 * the hour piece once an hour), written by one background thread: the evaluation never waits for it, and a
 * newer version of a piece replaces one still waiting. Replicas writing at once write the same sums for the
 * same cuts, so the last one wins harmlessly.
 *
 * <p>Which snapshot is used: the reader checks the routes, thresholds and window count itself (as it does for
 * sums kept in memory) and sums afresh when they differ or a cut lies in the future. Here, a snapshot is
 * dropped when the store no longer holds every row a shift from it would read, judged by the store's oldest
 * hour row: equal to what it was when the snapshot was taken (nothing deleted), or later but not after the
 * snapshot's oldest window start (the gateway's retention deleted only rows no window reads). An older oldest
 * row than before means a different or back-filled store: also dropped. Rows are assumed final once behind the
 * cuts, as the reader already assumes in memory; a store replaced with different data under the same oldest
 * row needs {@code DELETE FROM gateway_store_snapshots}.
 *
 * <p>The raw buckets are saved only on a graceful stop ({@link #saveRaw}): they change every cycle, and saving
 * ten minutes of them for 5,000 routes every minute would write about 20 MB a minute.
 */
final class StoreSnapshots {
    private static final Logger log = LoggerFactory.getLogger(StoreSnapshots.class);

    private final JdbcClient jdbc;
    private final ExecutorService writer;
    /** The newest version of each piece not yet written, by schema and piece. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(String schema, String piece, KeptPiece kept) {}

    /** Writes so far and the time they took, encoding included (the benchmark reports them). */
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    private final java.util.concurrent.atomic.AtomicLong writeNanos = new java.util.concurrent.atomic.AtomicLong();

    StoreSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.writer = Executors.newSingleThreadExecutor(work -> {
            Thread thread = new Thread(work, "gateway-store-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues a piece to be saved; returns at once. */
    void save(String schema, String piece, KeptPiece kept) {
        String key = schema + "." + piece;
        if (pending.put(key, new Pending(schema, piece, kept)) == null) {
            writer.execute(() -> {
                Pending newest = pending.remove(key);
                if (newest != null) {
                    write(newest);
                }
            });
        }
    }

    /** Waits until every queued piece is written (tests and the benchmark). */
    void flush() {
        Future<?> done = writer.submit(() -> {});
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    long writes() {
        return writes.get();
    }

    double writeSeconds() {
        return writeNanos.get() / 1e9;
    }

    private void write(Pending p) {
        try {
            long started = System.nanoTime();
            byte[] sums = encode(p.kept());
            jdbc.sql("""
                    INSERT INTO gateway_store_snapshots
                        (store_schema, piece, lower_cut, upper_cut, starts, good_buckets, oldest_hour_row, sums,
                         taken_at)
                    VALUES (:schema, :piece, :lower, :upper, CAST(:starts AS timestamptz[]), :good, (%s), :sums, now())
                    ON CONFLICT (store_schema, piece) DO UPDATE SET lower_cut = excluded.lower_cut,
                        upper_cut = excluded.upper_cut, starts = excluded.starts,
                        good_buckets = excluded.good_buckets, oldest_hour_row = excluded.oldest_hour_row,
                        sums = excluded.sums, taken_at = excluded.taken_at
                    """.formatted(oldestHourRow(p.schema())))
                    .param("schema", p.schema())
                    .param("piece", p.piece())
                    .param("lower", utc(p.kept().lower()))
                    .param("upper", utc(p.kept().upper()))
                    .param(
                            "starts",
                            p.kept().starts().stream().map(Instant::toString).toArray(String[]::new))
                    .param("good", p.kept().goodBuckets().toArray(Integer[]::new))
                    .param("sums", sums)
                    .update();
            writes.incrementAndGet();
            writeNanos.addAndGet(System.nanoTime() - started);
            log.debug(
                    "saved {} of {} ({} bytes) in {} ms",
                    p.piece(),
                    p.schema(),
                    sums.length,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (DataAccessException | UncheckedIOException failure) {
            // only a restart's speed depends on it: the next change of the piece tries again
            log.warn("the {} sums of {} were not saved: {}", p.piece(), p.schema(), failure.getMessage());
        }
    }

    /**
     * The saved pieces of a store schema, by piece name, leaving out those the store can no longer shift (see the
     * class comment). Empty when there are none or they cannot be read: a restart then sums everything.
     */
    Map<String, KeptPiece> load(String schema) {
        try {
            Instant oldest = jdbc.sql(oldestHourRow(schema))
                    .query((rs, row) -> instant(rs.getTimestamp(1)))
                    .optional()
                    .orElse(null);
            Map<String, KeptPiece> loaded = new HashMap<>();
            jdbc.sql("""
                    SELECT piece, lower_cut, upper_cut, starts, good_buckets, oldest_hour_row, sums
                    FROM gateway_store_snapshots WHERE store_schema = :schema AND piece <> 'RAW'
                    """).param("schema", schema).query(rs -> {
                String piece = rs.getString("piece");
                List<Instant> starts = new ArrayList<>();
                for (Object start : array(rs.getArray("starts"))) {
                    starts.add(((Timestamp) start).toInstant());
                }
                Instant then = instant(rs.getTimestamp("oldest_hour_row"));
                Instant oldestStart = starts.stream().min(Instant::compareTo).orElseThrow();
                if (!stillHeld(then, oldest, oldestStart)) {
                    log.info("the saved {} sums of {} are not used: the store changed since", piece, schema);
                    return;
                }
                List<Integer> good = Arrays.stream(array(rs.getArray("good_buckets")))
                        .map(k -> (Integer) k)
                        .toList();
                loaded.put(
                        piece,
                        decode(
                                instant(rs.getTimestamp("lower_cut")),
                                instant(rs.getTimestamp("upper_cut")),
                                starts,
                                good,
                                rs.getBytes("sums")));
            });
            return loaded;
        } catch (DataAccessException | UncheckedIOException failure) {
            log.warn("no saved sums of {} used: {}", schema, failure.getMessage());
            return Map.of();
        }
    }

    /**
     * On a graceful stop: the raw buckets kept in memory, so that the next start reads only those since the stop
     * instead of all ten minutes after the minute cut. They are as final as the reader held them: the next reader
     * reads the last {@link GatewayStoreSource#RAW_UNSETTLED} before the stop again, as a running one would.
     * Buckets older than the next start's minute cut are dropped there. Encoded here, then written after what is
     * queued, waiting at most {@code patience}: a stop must not hang on a database that is going away.
     */
    void saveRaw(String schema, RawBuckets raw, java.time.Duration patience) {
        byte[] encoded;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            })) {
                TreeSet<String> routes = new TreeSet<>(raw.routes);
                out.writeInt(routes.size());
                for (String route : routes) {
                    out.writeUTF(route);
                }
                raw.writeTo(out);
            }
            encoded = bytes.toByteArray();
        } catch (IOException failure) {
            log.warn("the raw buckets of {} were not saved: {}", schema, failure.getMessage());
            return;
        }
        Instant until = raw.readUntil;
        List<Integer> good = List.copyOf(raw.goodBuckets);
        Future<?> written = writer.submit(() -> writeRaw(schema, until, good, encoded));
        try {
            written.get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("the raw buckets of {} were not saved in {}: {}", schema, patience, e.toString());
        }
    }

    private void writeRaw(String schema, Instant until, List<Integer> good, byte[] encoded) {
        try {
            jdbc.sql("""
                    INSERT INTO gateway_store_snapshots
                        (store_schema, piece, lower_cut, upper_cut, starts, good_buckets, oldest_hour_row, sums,
                         taken_at)
                    VALUES (:schema, 'RAW', :until, :until, '{}', :good, (%s), :sums, now())
                    ON CONFLICT (store_schema, piece) DO UPDATE SET lower_cut = excluded.lower_cut,
                        upper_cut = excluded.upper_cut, good_buckets = excluded.good_buckets,
                        oldest_hour_row = excluded.oldest_hour_row, sums = excluded.sums, taken_at = excluded.taken_at
                    """.formatted(oldestHourRow(schema)))
                    .param("schema", schema)
                    .param("until", utc(until))
                    .param("good", good.toArray(Integer[]::new))
                    .param("sums", encoded)
                    .update();
        } catch (DataAccessException failure) {
            log.warn("the raw buckets of {} were not saved: {}", schema, failure.getMessage());
        }
    }

    /**
     * The raw buckets saved on the last graceful stop, if they were read until no later than {@code now} and the
     * store's oldest hour row is the one it was then (the same store). Empty otherwise.
     */
    java.util.Optional<RawBuckets> loadRaw(String schema, Instant now) {
        try {
            Instant oldest = jdbc.sql(oldestHourRow(schema))
                    .query((rs, row) -> instant(rs.getTimestamp(1)))
                    .optional()
                    .orElse(null);
            return jdbc
                    .sql("""
                    SELECT upper_cut, good_buckets, oldest_hour_row, sums FROM gateway_store_snapshots
                    WHERE store_schema = :schema AND piece = 'RAW'
                    """)
                    .param("schema", schema)
                    .query((rs, row) -> {
                        Instant until = instant(rs.getTimestamp("upper_cut"));
                        Instant then = instant(rs.getTimestamp("oldest_hour_row"));
                        if (until.isAfter(now) || then == null || !then.equals(oldest)) {
                            return null;
                        }
                        List<Integer> good = Arrays.stream(array(rs.getArray("good_buckets")))
                                .map(k -> (Integer) k)
                                .toList();
                        try (DataInputStream in = new DataInputStream(
                                new GZIPInputStream(new ByteArrayInputStream(rs.getBytes("sums")), 1 << 16))) {
                            int count = in.readInt();
                            Set<String> routes = new java.util.HashSet<>();
                            for (int r = 0; r < count; r++) {
                                routes.add(in.readUTF());
                            }
                            RawBuckets raw = RawBuckets.readFrom(in, good, routes);
                            raw.readUntil = until;
                            return raw;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .list()
                    .stream()
                    .filter(java.util.Objects::nonNull)
                    .findFirst();
        } catch (DataAccessException | UncheckedIOException failure) {
            log.warn("no saved raw buckets of {} used: {}", schema, failure.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * Whether every hour row a shift from a snapshot reads is still in the store: the oldest hour row is the one
     * it was ({@code then}), or retention moved it, but not past the snapshot's oldest window start.
     */
    static boolean stillHeld(Instant then, Instant now, Instant oldestStart) {
        if (then == null || now == null) {
            return false;
        }
        return now.equals(then) || (now.isAfter(then) && !now.isAfter(oldestStart));
    }

    private static String oldestHourRow(String schema) {
        return "SELECT min(bucket_start) FROM " + schema + ".request_metrics WHERE resolution_seconds = 3600";
    }

    /** Routes (sorted), then per route its parts: key and the values, all as written by {@link DataOutputStream}. */
    static byte[] encode(KeptPiece kept) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int width = kept.starts().size() * (2 + kept.goodBuckets().size());
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        })) {
            TreeSet<String> routes = new TreeSet<>(kept.routes());
            out.writeInt(width);
            out.writeInt(routes.size());
            for (String route : routes) {
                Map<Long, long[]> parts = kept.parts().getOrDefault(route, Map.of());
                out.writeUTF(route);
                out.writeInt(parts.size());
                for (var part : parts.entrySet()) {
                    out.writeLong(part.getKey());
                    for (long value : part.getValue()) {
                        out.writeLong(value);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static KeptPiece decode(Instant lower, Instant upper, List<Instant> starts, List<Integer> good, byte[] sums) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(sums), 1 << 16))) {
            int width = in.readInt();
            if (width != starts.size() * (2 + good.size())) {
                throw new IOException("a snapshot of width " + width + " for " + starts.size() + " windows");
            }
            int count = in.readInt();
            Set<String> routes = new java.util.HashSet<>();
            Map<String, Map<Long, long[]>> parts = new HashMap<>();
            for (int r = 0; r < count; r++) {
                String route = in.readUTF();
                routes.add(route);
                int n = in.readInt();
                Map<Long, long[]> byKey = new HashMap<>();
                for (int p = 0; p < n; p++) {
                    long key = in.readLong();
                    long[] values = new long[width];
                    for (int i = 0; i < width; i++) {
                        values[i] = in.readLong();
                    }
                    byKey.put(key, values);
                }
                if (!byKey.isEmpty()) {
                    parts.put(route, byKey);
                }
            }
            return KeptPiece.of(lower, upper, starts, good, routes, parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object[] array(Array array) throws SQLException {
        return (Object[]) array.getArray();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
