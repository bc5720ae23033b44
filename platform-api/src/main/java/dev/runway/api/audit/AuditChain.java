package dev.runway.api.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A hash chain over the shared audit table, kept by the front door in its own schema.
 *
 * <p>The audit table's triggers already stop every database role from rewriting it through SQL; the chain
 * catches what they cannot: a superuser who disables the triggers (or edits the data files, or restores a
 * doctored backup) and changes or deletes a row. Each chain entry's hash covers the previous hash and the
 * whole row, so a changed row breaks its own link and a deleted one leaves an entry without its row. Someone
 * able to rewrite both the audit table and the chain can recompute everything after the change; the verify
 * answer therefore reports the head hash, which operators can copy somewhere the database cannot reach (a
 * ticket, a log shipper) and compare later.
 *
 * <p>Rows are chained in the order the sweep sees them committed, not strictly by id: a transaction that took
 * id 10 may commit after id 11 was chained, so the sweep looks back a window of ids for late arrivals.
 */
@Component
public class AuditChain {
    private static final long LOCK_KEY = 0x52554e5741594348L; // "RUNWAYCH"
    /** How far below the newest chained id a late-committed row is still picked up. */
    private static final int LATE_WINDOW = 10_000;

    private static final String ROW_COLUMNS = """
            a.id, a.occurred_at, a.service, a.actor, a.actor_kind, a.action, a.subject, a.reason,
            a.before::text AS before_text, a.after::text AS after_text""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    AuditChain(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The outcome of a verification. */
    public record Verification(
            boolean intact, long entries, String head, Long firstBrokenAuditId, String problem, long unchained) {}

    /** Extends the chain by every audit row not yet in it; one sweeper at a time across replicas. */
    @Scheduled(fixedDelayString = "${runway.api.audit.sweep-interval:PT10S}")
    void sweep() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").query().singleValue();
            record Head(String hash, long maxId) {}
            Head head = jdbc.sql("""
                    SELECT (SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1) AS hash,
                           (SELECT coalesce(max(audit_id), 0) FROM audit_chain) AS max_id
                    """)
                    .query((rs, row) -> new Head(rs.getString("hash"), rs.getLong("max_id")))
                    .single();
            String previous = head.hash() == null ? ChainHash.GENESIS : head.hash();
            List<Object[]> links = new ArrayList<>();
            List<List<String>> rows = jdbc.sql("SELECT " + ROW_COLUMNS + """
                     FROM audit.audit_log a
                     WHERE a.id > :from
                       AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)
                     ORDER BY a.id
                     LIMIT 50000
                    """)
                    .param("from", Math.max(0, head.maxId() - LATE_WINDOW))
                    .query(AuditChain::fields)
                    .list();
            for (List<String> fields : rows) {
                previous = ChainHash.next(previous, fields);
                links.add(new Object[] {Long.parseLong(fields.getFirst()), previous});
            }
            for (Object[] link : links) {
                jdbc.sql("INSERT INTO audit_chain (audit_id, hash) VALUES (:id, :hash)")
                        .param("id", link[0])
                        .param("hash", link[1])
                        .update();
            }
        });
    }

    /** Sweeps, then recomputes every link from the rows as they are now. */
    public Verification verify() {
        sweep();
        var walk = new Object() {
            String previous = ChainHash.GENESIS;
            long entries;
            Long broken;
            String problem;
        };
        jdbc.sql("SELECT c.audit_id AS chained_id, c.hash AS stored, " + ROW_COLUMNS + """
                 FROM audit_chain c LEFT JOIN audit.audit_log a ON a.id = c.audit_id
                 ORDER BY c.seq
                """)
                .query(rs -> {
                    walk.entries++;
                    if (walk.broken != null) {
                        return;
                    }
                    long chainedId = rs.getLong("chained_id");
                    String stored = rs.getString("stored");
                    if (rs.getObject("id") == null) {
                        walk.broken = chainedId;
                        walk.problem = "audit row " + chainedId + " was deleted";
                        return;
                    }
                    String recomputed = ChainHash.next(walk.previous, fields(rs, 0));
                    if (!recomputed.equals(stored)) {
                        walk.broken = chainedId;
                        walk.problem = "audit row " + chainedId
                                + " does not match its chain entry: the row or the chain was altered";
                        return;
                    }
                    walk.previous = stored;
                });
        long unchained = jdbc.sql("""
                SELECT count(*) FROM audit.audit_log a
                WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)
                """).query(Long.class).single();
        return new Verification(walk.broken == null, walk.entries, walk.previous, walk.broken, walk.problem, unchained);
    }

    private static List<String> fields(ResultSet rs, int row) throws SQLException {
        // Arrays.asList: before and after are null for creations and deletions
        return java.util.Arrays.asList(
                Long.toString(rs.getLong("id")),
                rs.getTimestamp("occurred_at").toInstant().toString(),
                rs.getString("service"),
                rs.getString("actor"),
                rs.getString("actor_kind"),
                rs.getString("action"),
                rs.getString("subject"),
                rs.getString("reason"),
                rs.getString("before_text"),
                rs.getString("after_text"));
    }
}
