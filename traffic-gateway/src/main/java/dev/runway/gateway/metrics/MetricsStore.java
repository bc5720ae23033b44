package dev.runway.gateway.metrics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The built-in metrics store ({@code traffic.request_metrics}, and {@code traffic.fault_metrics} for the
 * requests injected faults hit, under the same rules; see {@link MetricsTable}). Raw buckets are added into by every replica;
 * roll-ups to one minute and one hour are recomputed from the level below, which makes them idempotent: any
 * replica may run them, as often as it likes.
 */
@Repository
class MetricsStore {
    static final int MINUTE = 60;
    static final int HOUR = 3600;
    static final Duration MAINTENANCE_SOCKET_TIMEOUT = Duration.ofMinutes(10);

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    MetricsStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    /**
     * Adds raw bucket counts, each row into its table (a row with a fault id goes to {@code fault_metrics});
     * several replicas add into the same row.
     */
    @Transactional
    void add(List<BucketRow> rows) {
        for (MetricsTable table : MetricsTable.values()) {
            List<BucketRow> mine =
                    rows.stream().filter(row -> row.table() == table).toList();
            if (!mine.isEmpty()) {
                add(table, mine);
            }
        }
    }

    private void add(MetricsTable table, List<BucketRow> rows) {
        int dimensions = table.dimensions.size();
        String sql = """
                INSERT INTO %s AS m
                    (%s, resolution_seconds, bucket_start, requests, server_errors, latency_counts)
                VALUES (%s?, ?, ?, ?, ?)
                ON CONFLICT (%s) DO UPDATE SET
                    requests = m.requests + EXCLUDED.requests,
                    server_errors = m.server_errors + EXCLUDED.server_errors,
                    latency_counts = histogram_add(m.latency_counts, EXCLUDED.latency_counts)
                """.formatted(table.name, table.dimensionColumns(), "?, ".repeat(dimensions), table.key());
        jdbcTemplate.batchUpdate(sql, rows, rows.size(), (ps, row) -> {
            int i = 1;
            for (Object value : table.dimensionValues(row)) {
                ps.setObject(i++, value);
            }
            ps.setInt(i++, row.resolutionSeconds());
            ps.setTimestamp(i++, Timestamp.from(row.bucketStart()));
            ps.setLong(i++, row.requests());
            ps.setLong(i++, row.serverErrors());
            ps.setObject(i, row.latencyCounts());
        });
    }

    /**
     * Recomputes the roll-ups that recent raw data can still change, in both tables: minutes over the last 15
     * minutes, hours over the last 3 hours (the current partial ones included; the next run completes them).
     */
    @Transactional
    void rollUp(Instant now, int rawSeconds) {
        allowLongStatements();
        for (MetricsTable table : MetricsTable.values()) {
            rollUp(table, rawSeconds, MINUTE, now.minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MINUTES), now);
            rollUp(table, MINUTE, HOUR, now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS), now);
        }
    }

    private void rollUp(MetricsTable table, int from, int to, Instant since, Instant until) {
        String dimensions = table.dimensionColumns();
        String groupBy = IntStream.rangeClosed(1, table.dimensions.size() + 2)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        jdbc.sql("""
                INSERT INTO %1$s
                    (%2$s, resolution_seconds, bucket_start, requests, server_errors, latency_counts)
                SELECT %2$s, :to,
                       date_bin(make_interval(secs => :to), bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
                       sum(requests), sum(server_errors), histogram_sum(latency_counts)
                FROM %1$s
                WHERE resolution_seconds = :from AND bucket_start >= :since AND bucket_start < :until
                GROUP BY %3$s
                ON CONFLICT (%4$s) DO UPDATE SET
                    requests = EXCLUDED.requests,
                    server_errors = EXCLUDED.server_errors,
                    latency_counts = EXCLUDED.latency_counts
                """.formatted(table.name, dimensions, groupBy, table.key()))
                .param("to", to)
                .param("from", from)
                .param("since", Timestamp.from(since))
                .param("until", Timestamp.from(until))
                .update();
    }

    /**
     * Deletes what is older than each resolution's retention, in both tables; returns the number of rows
     * removed.
     */
    @Transactional
    int purge(Instant now, int rawSeconds, MetricsSettings settings) {
        allowLongStatements();
        int removed = 0;
        for (MetricsTable table : MetricsTable.values()) {
            removed += purge(table, rawSeconds, now.minus(settings.rawRetention()))
                    + purge(table, MINUTE, now.minus(settings.minuteRetention()))
                    + purge(table, HOUR, now.minus(settings.hourRetention()));
        }
        return removed;
    }

    private int purge(MetricsTable table, int resolution, Instant before) {
        return jdbc.sql("DELETE FROM " + table.name + " WHERE resolution_seconds = :r AND bucket_start < :before")
                .param("r", resolution)
                .param("before", Timestamp.from(before))
                .update();
    }

    /**
     * The pool's socket timeout (application.yaml) is short so that a silent database fails admin calls fast;
     * roll-ups and purges may legitimately take longer on a big store, so their transaction's connection waits
     * up to {@link #MAINTENANCE_SOCKET_TIMEOUT}. The pool restores its own timeout when the connection returns.
     */
    private void allowLongStatements() {
        Connection connection = DataSourceUtils.getConnection(jdbcTemplate.getDataSource());
        try {
            connection.setNetworkTimeout(Runnable::run, (int) MAINTENANCE_SOCKET_TIMEOUT.toMillis());
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("could not raise the socket timeout for maintenance", e);
        }
    }

    List<BucketRow> read(String route, int resolution, Instant from, Instant to) {
        return read(MetricsTable.REQUESTS, route, resolution, from, to);
    }

    List<BucketRow> read(MetricsTable table, String route, int resolution, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT %s, resolution_seconds, bucket_start, requests, server_errors, latency_counts
                FROM %s
                WHERE route = :route AND resolution_seconds = :r AND bucket_start >= :from AND bucket_start < :to
                ORDER BY bucket_start, %s
                """.formatted(table.dimensionColumns(), table.name, String.join(", ", table.keyTail)))
                .param("route", route)
                .param("r", resolution)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> row(table, rs))
                .list();
    }

    private static BucketRow row(MetricsTable table, ResultSet rs) throws SQLException {
        Array array = rs.getArray("latency_counts");
        Object[] values = (Object[]) array.getArray();
        long[] counts = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            counts[i] = values[i] == null ? 0 : ((Number) values[i]).longValue();
        }
        boolean fault = table == MetricsTable.FAULTS;
        return new BucketRow(
                rs.getString("route"),
                rs.getString("version"),
                rs.getInt("resolution_seconds"),
                rs.getTimestamp("bucket_start").toInstant(),
                rs.getLong("requests"),
                rs.getLong("server_errors"),
                counts,
                fault ? rs.getString("fault_id") : null,
                fault ? rs.getString("experiment") : null);
    }
}
