package dev.runway.slo.policy;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Break-glass records: the only way through a freeze. One person asks, with a justification; another approves;
 * from the approval the record is active for the duration asked, unless revoked first. Every step is audited
 * with the record before and after.
 */
@Repository
class BreakGlassStore {
    static final Duration LONGEST = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    BreakGlassStore(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param state REQUESTED (waiting for an approver), ACTIVE, EXPIRED or REVOKED at the time of reading
     */
    record BreakGlass(
            String id,
            String service,
            String justification,
            Duration duration,
            String requestedBy,
            Instant requestedAt,
            String approvedBy,
            Instant approvedAt,
            Instant expiresAt,
            String revokedBy,
            Instant revokedAt,
            String revokeReason,
            String state) {}

    @Transactional
    BreakGlass request(String service, String justification, Duration duration, AuditContext context) {
        String id = "bg-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO break_glass (id, service, justification, duration_s, requested_by)
                VALUES (:id, :service, :justification, :duration, :by)
                """)
                .param("id", id)
                .param("service", service)
                .param("justification", justification)
                .param("duration", duration.toSeconds())
                .param("by", context.actor().name())
                .update();
        BreakGlass created = find(id).orElseThrow();
        audit.record(context, "break-glass.requested", "break-glass/" + id, null, created);
        return created;
    }

    @Transactional
    BreakGlass approve(String id, AuditContext context) {
        BreakGlass before = lockedOrMissing(id);
        if (!"REQUESTED".equals(before.state())) {
            throw ApiProblem.conflict("break-glass-not-pending", "break-glass " + id + " is " + before.state());
        }
        if (before.requestedBy().equals(context.actor().name())) {
            throw ApiProblem.forbidden(
                    "a break-glass cannot be approved by the person who asked for it (" + before.requestedBy() + ")");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                UPDATE break_glass SET approved_by = :by, approved_at = :now, expires_at = :expires WHERE id = :id
                """)
                .param("by", context.actor().name())
                .param("now", now.atOffset(java.time.ZoneOffset.UTC))
                .param("expires", now.plus(before.duration()).atOffset(java.time.ZoneOffset.UTC))
                .param("id", id)
                .update();
        BreakGlass after = find(id).orElseThrow();
        audit.record(context, "break-glass.approved", "break-glass/" + id, before, after);
        return after;
    }

    @Transactional
    BreakGlass revoke(String id, String reason, AuditContext context) {
        BreakGlass before = lockedOrMissing(id);
        if (!"REQUESTED".equals(before.state()) && !"ACTIVE".equals(before.state())) {
            throw ApiProblem.conflict("break-glass-ended", "break-glass " + id + " is already " + before.state());
        }
        jdbc.sql("""
                UPDATE break_glass SET revoked_by = :by, revoked_at = :now, revoke_reason = :reason WHERE id = :id
                """)
                .param("by", context.actor().name())
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .param("reason", reason)
                .param("id", id)
                .update();
        BreakGlass after = find(id).orElseThrow();
        audit.record(context, "break-glass.revoked", "break-glass/" + id, before, after);
        return after;
    }

    Optional<BreakGlass> find(String id) {
        return jdbc.sql("SELECT * FROM break_glass WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    List<BreakGlass> list(String service, int limit) {
        return jdbc.sql("""
                SELECT * FROM break_glass WHERE (:service::text IS NULL OR service = :service)
                ORDER BY requested_at DESC LIMIT :limit
                """)
                .param("service", service)
                .param("limit", limit)
                .query(this::row)
                .list();
    }

    /** The active break-glass of a service that runs longest, if any. */
    Optional<BreakGlass> active(String service) {
        return jdbc.sql("""
                SELECT * FROM break_glass
                WHERE service = :service AND approved_by IS NOT NULL AND revoked_at IS NULL AND expires_at > :now
                ORDER BY expires_at DESC LIMIT 1
                """)
                .param("service", service)
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .query(this::row)
                .optional();
    }

    private BreakGlass lockedOrMissing(String id) {
        jdbc.sql("SELECT id FROM break_glass WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("break-glass", id));
        return find(id).orElseThrow();
    }

    private BreakGlass row(ResultSet rs, int row) throws SQLException {
        Instant expires = instant(rs, "expires_at");
        Instant revoked = instant(rs, "revoked_at");
        String state;
        if (revoked != null) {
            state = "REVOKED";
        } else if (expires == null) {
            state = "REQUESTED";
        } else {
            state = expires.isAfter(clock.instant()) ? "ACTIVE" : "EXPIRED";
        }
        return new BreakGlass(
                rs.getString("id"),
                rs.getString("service"),
                rs.getString("justification"),
                Duration.ofSeconds(rs.getLong("duration_s")),
                rs.getString("requested_by"),
                instant(rs, "requested_at"),
                rs.getString("approved_by"),
                instant(rs, "approved_at"),
                expires,
                rs.getString("revoked_by"),
                revoked,
                rs.getString("revoke_reason"),
                state);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
