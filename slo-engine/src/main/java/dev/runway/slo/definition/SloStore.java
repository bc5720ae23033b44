package dev.runway.slo.definition;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** SLO definitions, validated whole before anything is written and audited with their before and after. */
@Repository
public class SloStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;

    SloStore(JdbcClient jdbc, AuditLog audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    public List<SloSpec> all() {
        return jdbc.sql("SELECT spec FROM slos ORDER BY service, name")
                .query((rs, row) -> json.readValue(rs.getString("spec"), SloSpec.class))
                .list();
    }

    public Optional<SloSpec> find(String name) {
        return jdbc.sql("SELECT spec FROM slos WHERE name = :name")
                .param("name", name)
                .query((rs, row) -> json.readValue(rs.getString("spec"), SloSpec.class))
                .optional();
    }

    /** Creates or replaces; the version counts the edits. */
    @Transactional
    SloSpec put(SloSpec slo, AuditContext context) {
        var violations = slo.violations();
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        Optional<SloSpec> before = find(slo.name());
        jdbc.sql("""
                INSERT INTO slos (name, service, spec) VALUES (:name, :service, CAST(:spec AS jsonb))
                ON CONFLICT (name) DO UPDATE
                    SET service = EXCLUDED.service, spec = EXCLUDED.spec, version = slos.version + 1, updated_at = now()
                """)
                .param("name", slo.name())
                .param("service", slo.service())
                .param("spec", json.writeValueAsString(slo))
                .update();
        audit.record(
                context,
                before.isPresent() ? "slo.changed" : "slo.created",
                "slo/" + slo.name(),
                before.orElse(null),
                slo);
        return slo;
    }

    @Transactional
    void delete(String name, AuditContext context) {
        SloSpec before = find(name).orElseThrow(() -> ApiProblem.notFound("SLO", name));
        jdbc.sql("DELETE FROM slos WHERE name = :name").param("name", name).update();
        audit.record(context, "slo.deleted", "slo/" + name, before, null);
    }
}
