package dev.runway.flags.environment;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.flags.stream.ChangeLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class EnvironmentStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ChangeLog changes;

    EnvironmentStore(JdbcClient jdbc, AuditLog audit, ChangeLog changes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.changes = changes;
    }

    @Transactional
    Environment create(Environment.Create request, AuditContext context) {
        int inserted = jdbc.sql("""
                INSERT INTO environments (key, name, requires_approval) VALUES (:key, :name, :approval)
                ON CONFLICT (key) DO NOTHING
                """)
                .param("key", request.key())
                .param("name", request.name() == null ? request.key() : request.name())
                .param("approval", Boolean.TRUE.equals(request.requiresApproval()))
                .update();
        if (inserted == 0) {
            throw ApiProblem.conflict("environment-exists", "environment '" + request.key() + "' already exists");
        }
        Environment created = find(request.key()).orElseThrow();
        // A new revision makes every replica build the new environment's ruleset (empty: all flags off).
        changes.commit("environment/" + created.key(), "environment.created", context);
        audit.record(context, "environment.created", "environment/" + created.key(), null, created);
        return created;
    }

    /** Turns four-eyes approval on or off for one environment. */
    @Transactional
    Environment setApproval(String key, boolean requiresApproval, AuditContext context) {
        Environment before = find(key).orElseThrow(() -> ApiProblem.notFound("environment", key));
        jdbc.sql("UPDATE environments SET requires_approval = :approval WHERE key = :key")
                .param("approval", requiresApproval)
                .param("key", key)
                .update();
        Environment after = find(key).orElseThrow();
        audit.record(context, "environment.approval-set", "environment/" + key, before, after);
        return after;
    }

    Optional<Environment> find(String key) {
        return jdbc.sql("SELECT * FROM environments WHERE key = :key")
                .param("key", key)
                .query(EnvironmentStore::row)
                .optional();
    }

    List<Environment> list() {
        return jdbc.sql("SELECT * FROM environments ORDER BY created_at, key")
                .query(EnvironmentStore::row)
                .list();
    }

    private static Environment row(ResultSet rs, int row) throws SQLException {
        return new Environment(
                rs.getString("key"),
                rs.getString("name"),
                rs.getBoolean("requires_approval"),
                rs.getTimestamp("created_at").toInstant());
    }
}
