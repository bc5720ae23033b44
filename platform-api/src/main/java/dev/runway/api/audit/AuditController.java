package dev.runway.api.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.runway.common.problem.ApiProblem;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The platform-wide audit log, read from the shared table, and the check of its hash chain. */
@RestController
class AuditController {
    private final JdbcClient jdbc;
    private final AuditChain chain;

    AuditController(JdbcClient jdbc, AuditChain chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    /** One audit record; before and after are the JSON the writing service stored. */
    record Entry(
            long id,
            Instant occurredAt,
            String service,
            String actor,
            String actorKind,
            String action,
            String subject,
            String reason,
            @JsonRawValue String before,
            @JsonRawValue String after) {}

    /**
     * @param service matches the service that wrote the record or one named in its subject
     * @param subject a subject or its prefix ({@code flag/}, {@code rollout/r-1})
     */
    @GetMapping("/api/v1/audit")
    List<Entry> search(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid("limit", "must be between 1 and 1000");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiProblem.invalid("to", "must not be before from");
        }
        return jdbc.sql("""
                SELECT id, occurred_at, service, actor, actor_kind, action, subject, reason,
                       before::text AS before_text, after::text AS after_text
                FROM audit.audit_log
                WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
                  AND (CAST(:service AS text) IS NULL OR service = :service OR subject LIKE '%' || :service || '%')
                  AND (CAST(:subject AS text) IS NULL OR subject LIKE :subject || '%')
                  AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < :to)
                ORDER BY id DESC
                LIMIT :limit
                """)
                .param("actor", blankToNull(actor))
                .param("service", blankToNull(service))
                .param("subject", blankToNull(subject))
                .param("from", from == null ? null : Timestamp.from(from))
                .param("to", to == null ? null : Timestamp.from(to))
                .param("limit", limit)
                .query((rs, row) -> new Entry(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("service"),
                        rs.getString("actor"),
                        rs.getString("actor_kind"),
                        rs.getString("action"),
                        rs.getString("subject"),
                        rs.getString("reason"),
                        rs.getString("before_text"),
                        rs.getString("after_text")))
                .list();
    }

    @GetMapping("/api/v1/audit/verify")
    AuditChain.Verification verify() {
        return chain.verify();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
