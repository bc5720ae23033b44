package dev.runway.api.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the platform-wide audit table (every service's records) for the API and the console. */
@Component
public class AuditReader {
    private final JdbcClient jdbc;

    AuditReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One audit record; before and after are the JSON the writing service stored. */
    public record Entry(
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
    public record Filter(String actor, String service, String subject, Instant from, Instant to, int limit) {}

    public List<Entry> search(Filter filter) {
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
                .param("actor", blankToNull(filter.actor()))
                .param("service", blankToNull(filter.service()))
                .param("subject", blankToNull(filter.subject()))
                .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .param("to", filter.to() == null ? null : Timestamp.from(filter.to()))
                .param("limit", filter.limit())
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
