package dev.runway.gateway.metrics;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The built-in metrics store ({@code traffic.request_metrics}). Raw buckets are added into by every replica;
 * roll-ups to one minute and one hour are recomputed from the level below, which makes them idempotent: any
 * replica may run them, as often as it likes.
 */
@Repository
class MetricsStore {
    static final int MINUTE = 60;
    static final int HOUR = 3600;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    MetricsStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    /** Adds raw bucket counts; several replicas add into the same row. */
    @Transactional
    void add(List<BucketRow> rows) {
        jdbcTemplate.batchUpdate("""
                INSERT INTO request_metrics AS m
                    (route, version, resolution_seconds, bucket_start, requests, server_errors, latency_counts)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (route, resolution_seconds, bucket_start, version) DO UPDATE SET
                    requests = m.requests + EXCLUDED.requests,
                    server_errors = m.server_errors + EXCLUDED.server_errors,
                    latency_counts = histogram_add(m.latency_counts, EXCLUDED.latency_counts)
                """, rows, rows.size(), (ps, row) -> {
            ps.setString(1, row.route());
            ps.setString(2, row.version());
            ps.setInt(3, row.resolutionSeconds());
            ps.setTimestamp(4, Timestamp.from(row.bucketStart()));
            ps.setLong(5, row.requests());
            ps.setLong(6, row.serverErrors());
            ps.setObject(7, row.latencyCounts());
        });
    }

    /**
     * Recomputes the roll-ups that recent raw data can still change: minutes over the last 15 minutes, hours
     * over the last 3 hours (the current partial ones included; the next run completes them).
     */
    @Transactional
    void rollUp(Instant now, int rawSeconds) {
        rollUp(rawSeconds, MINUTE, now.minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MINUTES), now);
        rollUp(MINUTE, HOUR, now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS), now);
    }

    private void rollUp(int from, int to, Instant since, Instant until) {
        jdbc.sql("""
                INSERT INTO request_metrics
                    (route, version, resolution_seconds, bucket_start, requests, server_errors, latency_counts)
                SELECT route, version, :to,
                       date_bin(make_interval(secs => :to), bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
                       sum(requests), sum(server_errors), histogram_sum(latency_counts)
                FROM request_metrics
                WHERE resolution_seconds = :from AND bucket_start >= :since AND bucket_start < :until
                GROUP BY 1, 2, 3, 4
                ON CONFLICT (route, resolution_seconds, bucket_start, version) DO UPDATE SET
                    requests = EXCLUDED.requests,
                    server_errors = EXCLUDED.server_errors,
                    latency_counts = EXCLUDED.latency_counts
                """)
                .param("to", to)
                .param("from", from)
                .param("since", Timestamp.from(since))
                .param("until", Timestamp.from(until))
                .update();
    }

    /** Deletes what is older than each resolution's retention; returns the number of rows removed. */
    @Transactional
    int purge(Instant now, int rawSeconds, MetricsSettings settings) {
        return purge(rawSeconds, now.minus(settings.rawRetention()))
                + purge(MINUTE, now.minus(settings.minuteRetention()))
                + purge(HOUR, now.minus(settings.hourRetention()));
    }

    private int purge(int resolution, Instant before) {
        return jdbc.sql("DELETE FROM request_metrics WHERE resolution_seconds = :r AND bucket_start < :before")
                .param("r", resolution)
                .param("before", Timestamp.from(before))
                .update();
    }

    List<BucketRow> read(String route, int resolution, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT route, version, resolution_seconds, bucket_start, requests, server_errors, latency_counts
                FROM request_metrics
                WHERE route = :route AND resolution_seconds = :r AND bucket_start >= :from AND bucket_start < :to
                ORDER BY bucket_start, version
                """)
                .param("route", route)
                .param("r", resolution)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(MetricsStore::row)
                .list();
    }

    private static BucketRow row(ResultSet rs, int n) throws SQLException {
        Array array = rs.getArray("latency_counts");
        Object[] values = (Object[]) array.getArray();
        long[] counts = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            counts[i] = values[i] == null ? 0 : ((Number) values[i]).longValue();
        }
        return new BucketRow(
                rs.getString("route"),
                rs.getString("version"),
                rs.getInt("resolution_seconds"),
                rs.getTimestamp("bucket_start").toInstant(),
                rs.getLong("requests"),
                rs.getLong("server_errors"),
                counts);
    }
}
