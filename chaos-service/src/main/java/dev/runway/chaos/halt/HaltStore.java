package dev.runway.chaos.halt;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Halts and releases are appended, never overwritten: the newest event is the state in force. */
@Repository
class HaltStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;

    HaltStore(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    HaltState current() {
        HaltState latest = jdbc.sql("SELECT * FROM halt_events ORDER BY id DESC LIMIT 1")
                .query((rs, row) -> new HaltState(
                        rs.getBoolean("halted"),
                        rs.getString("actor"),
                        rs.getString("reason"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getTimestamp("until") == null
                                ? null
                                : rs.getTimestamp("until").toInstant()))
                .optional()
                .orElse(HaltState.RUNNING);
        return latest.inForceAt(Instant.now()) ? latest : HaltState.RUNNING;
    }

    @Transactional
    HaltState halt(HaltState.Request request, AuditContext context) {
        HaltState before = current();
        Instant until = request.minutes() == null ? null : Instant.now().plus(request.minutes(), ChronoUnit.MINUTES);
        append(true, context.actor().name(), request.reason(), until);
        HaltState after = current();
        audit.record(new AuditContext(context.actor(), request.reason()), "chaos.halted", "chaos/halt", before, after);
        return after;
    }

    @Transactional
    HaltState release(AuditContext context) {
        HaltState before = current();
        append(false, context.actor().name(), context.reason(), null);
        audit.record(context, "chaos.released", "chaos/halt", before, HaltState.RUNNING);
        return HaltState.RUNNING;
    }

    private void append(boolean halted, String actor, String reason, Instant until) {
        jdbc.sql("INSERT INTO halt_events (halted, actor, reason, until) VALUES (:halted, :actor, :reason, :until)")
                .param("halted", halted)
                .param("actor", actor)
                .param("reason", reason == null ? "" : reason)
                .param("until", until == null ? null : java.sql.Timestamp.from(until))
                .update();
    }
}
