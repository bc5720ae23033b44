package dev.runway.slo.evaluation;

import dev.runway.slo.budget.AlertDecision;
import dev.runway.slo.budget.AlertTransition;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The firing/resolved history of every alert; at most one open firing per SLO and alert label. */
@Repository
class AlertLedger {
    private final JdbcClient jdbc;

    AlertLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record AlertRecord(
            long id,
            String slo,
            String service,
            String label,
            String severity,
            String state,
            Instant firedAt,
            Instant resolvedAt,
            String reason) {}

    /** Every open firing, by SLO: one statement per cycle rather than one per SLO and alert. */
    Map<String, Set<String>> firing() {
        Map<String, Set<String>> firing = new HashMap<>();
        jdbc.sql("SELECT slo, label FROM alerts WHERE state = 'FIRING'").query(rs -> {
            firing.computeIfAbsent(rs.getString("slo"), slo -> new HashSet<>()).add(rs.getString("label"));
        });
        return firing;
    }

    /**
     * Records a transition already decided against {@link #firing()}. Opening is idempotent under the partial
     * unique index (a second replica's insert does nothing); so is resolving.
     *
     * @return whether this call changed the ledger, so that a notification goes out exactly once
     */
    @Transactional
    boolean record(String slo, String service, AlertDecision decision, AlertTransition transition) {
        String label = decision.alert().label();
        return switch (transition) {
            case OPEN ->
                jdbc.sql("""
                    INSERT INTO alerts (slo, service, label, severity, state, reason)
                    VALUES (:slo, :service, :label, :severity, 'FIRING', :reason)
                    ON CONFLICT DO NOTHING
                    """)
                                .param("slo", slo)
                                .param("service", service)
                                .param("label", label)
                                .param("severity", decision.alert().severity().name())
                                .param("reason", decision.reason())
                                .update()
                        > 0;
            case RESOLVE ->
                jdbc.sql("""
                    UPDATE alerts SET state = 'RESOLVED', resolved_at = now(), resolve_reason = :reason
                    WHERE slo = :slo AND label = :label AND state = 'FIRING'
                    """)
                                .param("slo", slo)
                                .param("label", label)
                                .param("reason", decision.reason())
                                .update()
                        > 0;
            case NONE -> false;
        };
    }

    /** Resolves what stays open for an SLO that no longer exists, so that no page outlives its SLO. */
    void resolveAllOf(String slo, String reason) {
        jdbc.sql("""
                UPDATE alerts SET state = 'RESOLVED', resolved_at = now(), resolve_reason = :reason
                WHERE slo = :slo AND state = 'FIRING'
                """).param("slo", slo).param("reason", reason).update();
    }

    List<AlertRecord> recent(String slo, int limit) {
        return jdbc.sql("""
                SELECT id, slo, service, label, severity, state, fired_at, resolved_at, reason FROM alerts
                WHERE (:slo::text IS NULL OR slo = :slo) ORDER BY fired_at DESC LIMIT :limit
                """)
                .param("slo", slo)
                .param("limit", limit)
                .query((rs, row) -> new AlertRecord(
                        rs.getLong("id"),
                        rs.getString("slo"),
                        rs.getString("service"),
                        rs.getString("label"),
                        rs.getString("severity"),
                        rs.getString("state"),
                        rs.getTimestamp("fired_at").toInstant(),
                        rs.getTimestamp("resolved_at") == null
                                ? null
                                : rs.getTimestamp("resolved_at").toInstant(),
                        rs.getString("reason")))
                .list();
    }
}
