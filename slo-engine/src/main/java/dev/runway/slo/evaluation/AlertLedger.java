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

    /** A transition decided against {@link #firing()}, to be recorded. */
    record Change(String slo, String service, AlertDecision decision, AlertTransition transition) {
        String key() {
            return slo + '\u0000' + decision.alert().label();
        }
    }

    /**
     * Records a transition already decided against {@link #firing()}.
     *
     * @return whether this call changed the ledger, so that a notification goes out exactly once
     */
    boolean record(String slo, String service, AlertDecision decision, AlertTransition transition) {
        return !recordAll(List.of(new Change(slo, service, decision, transition)))
                .isEmpty();
    }

    /**
     * Records a cycle's transitions in two statements, however many (the first cycle after a start on a bad day
     * opens thousands): one insert of every opening, one update of every resolution. Opening is idempotent under
     * the partial unique index: {@code ON CONFLICT DO NOTHING} skips an alert another replica opened meanwhile
     * without failing the others; resolving only touches what is still firing. {@code RETURNING} tells which
     * rows this call changed.
     *
     * @return the transitions that changed the ledger, in the order given, so that each is notified exactly once
     */
    @Transactional
    List<Change> recordAll(List<Change> changes) {
        List<Change> opens = changes.stream()
                .filter(c -> c.transition() == AlertTransition.OPEN)
                .toList();
        List<Change> resolves = changes.stream()
                .filter(c -> c.transition() == AlertTransition.RESOLVE)
                .toList();
        Set<String> changed = new HashSet<>();
        if (!opens.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO alerts (slo, service, label, severity, state, reason)
                    SELECT slo, service, label, severity, 'FIRING', reason
                    FROM unnest(CAST(:slo AS text[]), CAST(:service AS text[]), CAST(:label AS text[]),
                                CAST(:severity AS text[]), CAST(:reason AS text[]))
                         AS t(slo, service, label, severity, reason)
                    ON CONFLICT DO NOTHING
                    RETURNING slo, label
                    """)
                    .param("slo", column(opens, Change::slo))
                    .param("service", column(opens, Change::service))
                    .param("label", column(opens, c -> c.decision().alert().label()))
                    .param(
                            "severity",
                            column(opens, c -> c.decision().alert().severity().name()))
                    .param("reason", column(opens, c -> c.decision().reason()))
                    .query(rs -> {
                        changed.add(rs.getString(1) + '\u0000' + rs.getString(2));
                    });
        }
        if (!resolves.isEmpty()) {
            jdbc.sql("""
                    UPDATE alerts a SET state = 'RESOLVED', resolved_at = now(), resolve_reason = t.reason
                    FROM unnest(CAST(:slo AS text[]), CAST(:label AS text[]), CAST(:reason AS text[]))
                         AS t(slo, label, reason)
                    WHERE a.slo = t.slo AND a.label = t.label AND a.state = 'FIRING'
                    RETURNING a.slo, a.label
                    """)
                    .param("slo", column(resolves, Change::slo))
                    .param("label", column(resolves, c -> c.decision().alert().label()))
                    .param("reason", column(resolves, c -> c.decision().reason()))
                    .query(rs -> {
                        changed.add(rs.getString(1) + '\u0000' + rs.getString(2));
                    });
        }
        return changes.stream()
                .filter(c -> c.transition() != AlertTransition.NONE && changed.remove(c.key()))
                .toList();
    }

    private static String[] column(List<Change> changes, java.util.function.Function<Change, String> value) {
        return changes.stream().map(value).toArray(String[]::new);
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
