package dev.runway.flags.flag;

import dev.runway.common.actor.AuditContext;
import dev.runway.flags.ruleset.ScheduleDecision.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Rows of scheduled changes; what happens to them is decided in {@link Scheduler}. */
@Repository
class ScheduleStore {
    private static final String SELECT = "SELECT *, change::text AS change_text FROM schedules ";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScheduleStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Schedule create(
            String key, String environment, Instant at, Schedule.Change change, Status status, AuditContext context) {
        long id = jdbc.sql("""
                INSERT INTO schedules (flag_key, environment, due_at, change, status, scheduled_by, reason)
                VALUES (:key, :environment, :at, CAST(:change AS jsonb), :status, :actor, :reason)
                RETURNING id
                """)
                .param("key", key)
                .param("environment", environment)
                .param("at", Timestamp.from(at))
                .param("change", json.writeValueAsString(change))
                .param("status", status.name())
                .param("actor", context.actor().name())
                .param("reason", context.reason())
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    Optional<Schedule> find(long id) {
        return jdbc.sql(SELECT + "WHERE id = :id")
                .param("id", id)
                .query(this::read)
                .optional();
    }

    /** The schedule, locked until the transaction ends (waits for a scheduler applying it right now). */
    Optional<Schedule> lock(long id) {
        return jdbc.sql(SELECT + "WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::read)
                .optional();
    }

    List<Schedule> list(String key, String environment) {
        return jdbc.sql(SELECT + "WHERE flag_key = :key AND environment = :environment ORDER BY due_at, id")
                .param("key", key)
                .param("environment", environment)
                .query(this::read)
                .list();
    }

    /**
     * The earliest open schedule due by {@code now}, locked; a row another replica holds is skipped, so two
     * replicas never take the same one.
     */
    Optional<Schedule> claimDue(Instant now) {
        return jdbc.sql(SELECT + """
                        WHERE status IN ('AWAITING_APPROVAL', 'SCHEDULED') AND due_at <= :now
                        ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
                        """)
                .param("now", Timestamp.from(now))
                .query(this::read)
                .optional();
    }

    /** The same row, if it is still open and nobody else holds it. */
    Optional<Schedule> claim(long id) {
        return jdbc.sql(SELECT + """
                        WHERE id = :id AND status IN ('AWAITING_APPROVAL', 'SCHEDULED') FOR UPDATE SKIP LOCKED
                        """).param("id", id).query(this::read).optional();
    }

    /** Whether the environment requires approval; empty when there is no such environment. */
    Optional<Boolean> approvalSetting(String environment) {
        return jdbc.sql("SELECT requires_approval FROM environments WHERE key = :key")
                .param("key", environment)
                .query(Boolean.class)
                .optional();
    }

    boolean requiresApproval(String environment) {
        return approvalSetting(environment).orElse(false);
    }

    void approve(long id, AuditContext context) {
        jdbc.sql("""
                UPDATE schedules SET status = 'SCHEDULED', decided_by = :actor, decision_reason = :reason
                WHERE id = :id
                """)
                .param("actor", context.actor().name())
                .param("reason", context.reason())
                .param("id", id)
                .update();
    }

    /** Closed by a person (rejected, cancelled). */
    void closeBy(long id, Status status, AuditContext context, Instant now) {
        jdbc.sql("""
                UPDATE schedules SET status = :status, decided_by = :actor, decision_reason = :reason, closed_at = :now
                WHERE id = :id
                """)
                .param("status", status.name())
                .param("actor", context.actor().name())
                .param("reason", context.reason())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** Closed by the scheduler (applied, failed, expired). */
    void closeBySystem(long id, Status status, String outcome, Integer appliedVersion, Instant now) {
        jdbc.sql("""
                UPDATE schedules SET status = :status, outcome = :outcome, applied_version = :version, closed_at = :now
                WHERE id = :id
                """)
                .param("status", status.name())
                .param("outcome", outcome)
                .param("version", appliedVersion)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    private Schedule read(ResultSet rs, int row) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Schedule(
                rs.getLong("id"),
                rs.getString("flag_key"),
                rs.getString("environment"),
                rs.getTimestamp("due_at").toInstant(),
                json.readValue(rs.getString("change_text"), Schedule.Change.class),
                Status.valueOf(rs.getString("status")),
                rs.getString("scheduled_by"),
                rs.getString("reason"),
                rs.getString("decided_by"),
                rs.getString("decision_reason"),
                rs.getString("outcome"),
                rs.getObject("applied_version", Integer.class),
                rs.getTimestamp("created_at").toInstant(),
                closed == null ? null : closed.toInstant());
    }
}
