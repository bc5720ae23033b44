package dev.runway.slo.evaluation;

import dev.runway.slo.definition.Indicator;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the fault dimension of the gateway's metrics store ({@code <schema>.fault_metrics}): per injected fault,
 * the requests it hit on a route, their server errors and latency histogram, with the chaos experiment that
 * installed the fault. Those requests are also in {@code request_metrics} (users got them), so the bad events
 * here are a part of the SLO window's bad events, never extra ones.
 *
 * <p>Rows are stitched with the same cut-offs as the window counts ({@link StorePlan}), so an experiment's share is
 * measured on the same footing as the budget it is a share of. The cost is one grouped statement per SLO, and it is
 * paid only when someone reads an SLO's status, never by the evaluation cycle.
 */
final class FaultMetricsReader {
    private final JdbcClient jdbc;
    private final String schema;

    FaultMetricsReader(JdbcClient jdbc, String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /**
     * What one fault did on the indicator's route since {@code from}.
     *
     * @param experiment the label of the experiment that installed the fault, or null when it carried none
     * @param firstHit start of the first bucket with a hit; {@code lastHit} the end of the last one
     * @param bad requests the SLO counts as bad: server errors, or for latency those slower than the threshold
     */
    record FaultHits(String experiment, String faultId, Instant firstHit, Instant lastHit, long events, long bad) {}

    /**
     * @param goodBuckets for a latency indicator, how many histogram buckets count as good (see
     *     {@link GatewayStoreSource#goodBuckets}); ignored for availability
     * @throws EventSource.SourceUnavailable when the store cannot be read, or has no fault dimension (a gateway
     *     older than this engine)
     */
    List<FaultHits> hits(Indicator indicator, int goodBuckets, StorePlan plan, Instant from) {
        String route;
        String bad;
        switch (indicator) {
            case Indicator.GatewayAvailability a -> {
                route = a.route();
                bad = "server_errors";
            }
            case Indicator.GatewayLatency l -> {
                route = l.route();
                bad = "requests - " + GatewayStoreSource.firstBuckets(goodBuckets);
            }
            case Indicator.PrometheusRatio p -> throw new IllegalArgumentException("not a gateway indicator");
            case Indicator.Probe p -> throw new IllegalArgumentException("not a gateway indicator");
        }
        try {
            return jdbc.sql("""
                    SELECT nullif(experiment, '') AS experiment, fault_id,
                           min(bucket_start) AS first_hit,
                           max(bucket_start + resolution_seconds * interval '1 second') AS last_hit,
                           sum(requests) AS events, sum(%s) AS bad
                    FROM %s.fault_metrics m
                    WHERE route = :route AND (
                        (resolution_seconds = 3600 AND bucket_start >= :from AND bucket_start < :hourCut)
                        OR (resolution_seconds = 60 AND bucket_start >= greatest(:from, :hourCut)
                            AND bucket_start < :minuteCut)
                        OR (resolution_seconds = %d AND bucket_start >= greatest(:from, :minuteCut)))
                    GROUP BY experiment, fault_id
                    ORDER BY min(bucket_start), fault_id
                    """.formatted(bad, schema, StorePlan.RAW_SECONDS))
                    .param("route", route)
                    .param("from", utc(from))
                    .param("hourCut", utc(plan.hourCut()))
                    .param("minuteCut", utc(plan.minuteCut()))
                    .query((rs, row) -> new FaultHits(
                            rs.getString("experiment"),
                            rs.getString("fault_id"),
                            instant(rs.getTimestamp("first_hit")),
                            instant(rs.getTimestamp("last_hit")),
                            rs.getLong("events"),
                            Math.max(0, Math.min(rs.getLong("events"), rs.getLong("bad")))))
                    .list();
        } catch (DataAccessException failure) {
            throw new EventSource.SourceUnavailable(
                    "the gateway's fault dimension cannot be read: "
                            + failure.getMostSpecificCause().getMessage(),
                    failure);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
