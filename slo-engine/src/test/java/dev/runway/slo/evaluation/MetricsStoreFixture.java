package dev.runway.slo.evaluation;

import dev.runway.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The gateway's metrics store, laid out as the gateway documents it (its README, "The store"), in a schema of
 * the test's own, so that a test or benchmark can seed exactly the rows it reasons about without running a
 * gateway, and without touching the {@code traffic} schema the real gateway migrates in the same database.
 */
final class MetricsStoreFixture {
    static final double[] BOUNDS_MS = {
        1, 2, 3, 5, 7, 10, 12, 15, 18, 22, 27, 33, 40, 48, 58, 70, 84, 100, 120, 145, 175, 210, 250, 300, 360, 430, 520,
        620, 750, 900, 1100, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 7500, 10000
    };

    private MetricsStoreFixture() {}

    static DataSource dataSource() {
        TestDatabase db = TestDatabase.get();
        return new DriverManagerDataSource(db.url(), db.user(), db.password());
    }

    /** Drops and recreates the schema with the store's tables: request and fault metrics, latency bounds. */
    static JdbcClient create(String schema) throws SQLException {
        DataSource dataSource = dataSource();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            s.execute("""
                    CREATE TABLE %s.request_metrics (
                        route text NOT NULL, version text NOT NULL, resolution_seconds integer NOT NULL,
                        bucket_start timestamptz NOT NULL, requests bigint NOT NULL, server_errors bigint NOT NULL,
                        latency_counts bigint[] NOT NULL,
                        PRIMARY KEY (route, resolution_seconds, bucket_start, version))""".formatted(schema));
            s.execute("CREATE INDEX ON %s.request_metrics (resolution_seconds, bucket_start)".formatted(schema));
            s.execute("""
                    CREATE TABLE %s.fault_metrics (
                        route text NOT NULL, version text NOT NULL, fault_id text NOT NULL,
                        experiment text NOT NULL DEFAULT '', resolution_seconds integer NOT NULL,
                        bucket_start timestamptz NOT NULL, requests bigint NOT NULL, server_errors bigint NOT NULL,
                        latency_counts bigint[] NOT NULL,
                        PRIMARY KEY (route, resolution_seconds, bucket_start, version, fault_id))""".formatted(schema));
            s.execute("CREATE TABLE %s.latency_bounds (id integer PRIMARY KEY, bounds_ms double precision[] NOT NULL)"
                    .formatted(schema));
            StringBuilder bounds = new StringBuilder();
            for (double b : BOUNDS_MS) {
                bounds.append(bounds.isEmpty() ? "" : ",").append(b);
            }
            s.execute("INSERT INTO %s.latency_bounds VALUES (1, '{%s}')".formatted(schema, bounds));
        }
        return JdbcClient.create(dataSource);
    }

    /** A latency histogram in the store's layout with {@code n1} requests in bucket {@code i1} and n2 in i2. */
    static Long[] histogram(int i1, long n1, int i2, long n2) {
        Long[] counts = new Long[BOUNDS_MS.length + 1];
        java.util.Arrays.fill(counts, 0L);
        counts[i1] += n1;
        counts[i2] += n2;
        return counts;
    }

    /** Every indicator's counts over every window, read by {@code kept}, equal those of a {@code fresh} reader. */
    static void assertSameAsFresh(
            GatewayStoreSource kept,
            GatewayStoreSource fresh,
            java.util.List<dev.runway.slo.definition.Indicator> indicators,
            java.util.Set<java.time.Duration> windows,
            java.time.Instant at) {
        var counted = kept.read(indicators, windows, at);
        var expected = fresh.read(indicators, windows, at);
        for (var indicator : indicators) {
            for (var window : windows) {
                org.assertj.core.api.Assertions.assertThat(counted.count(indicator, window))
                        .as(indicator + " over " + window + " at " + at)
                        .isEqualTo(expected.count(indicator, window));
            }
        }
    }
}
