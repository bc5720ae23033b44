package dev.runway.common.audit;

import dev.runway.common.actor.AuditContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to the shared audit table. Call it inside the transaction that makes the change, so that a change
 * and its audit record commit or roll back together: there is never an unaudited change nor a record of a
 * change that did not happen.
 */
public final class AuditLog {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String service;

    public AuditLog(JdbcClient jdbc, JsonMapper json, String service) {
        this.jdbc = jdbc;
        this.json = json;
        this.service = service;
    }

    /**
     * Records one change.
     *
     * @param action a verb in the past tense or a dotted name ({@code route.weight-set})
     * @param subject what was changed ({@code route/checkout})
     * @param before the state before (null when created); serialised as JSON so the console can show a diff
     * @param after the state after (null when deleted)
     */
    public void record(AuditContext context, String action, String subject, Object before, Object after) {
        jdbc.sql("""
                INSERT INTO audit.audit_log (service, actor, actor_kind, action, subject, reason, before, after)
                VALUES (:service, :actor, :kind, :action, :subject, :reason, CAST(:before AS jsonb), CAST(:after AS jsonb))
                """)
                .param("service", service)
                .param("actor", context.actor().name())
                .param("kind", context.actor().kind().name())
                .param("action", action)
                .param("subject", subject)
                .param("reason", context.reason())
                .param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after))
                .update();
    }
}
