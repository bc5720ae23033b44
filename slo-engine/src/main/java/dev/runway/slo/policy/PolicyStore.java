package dev.runway.slo.policy;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.slo.policy.rules.BudgetPolicy;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Every edit of the policy is a new version; the newest one is in force and any can be read back. */
@Repository
class PolicyStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;

    PolicyStore(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    record Version(long version, BudgetPolicy policy, String actor, String reason, Instant createdAt) {}

    Version current() {
        return jdbc.sql("SELECT * FROM budget_policy ORDER BY version DESC LIMIT 1")
                .query(PolicyStore::row)
                .optional()
                .orElseGet(() -> new Version(0, BudgetPolicy.DEFAULT, "default", "built-in default", Instant.EPOCH));
    }

    List<Version> history() {
        return jdbc.sql("SELECT * FROM budget_policy ORDER BY version DESC")
                .query(PolicyStore::row)
                .list();
    }

    @Transactional
    Version save(BudgetPolicy policy, AuditContext context) {
        var violations = policy.violations();
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        jdbc.sql("LOCK TABLE budget_policy IN EXCLUSIVE MODE").update();
        Version before = current();
        long version = jdbc.sql("""
                INSERT INTO budget_policy (version, aggressive_above, normal_above, freeze_at_or_below, actor, reason)
                VALUES ((SELECT coalesce(max(version), 0) + 1 FROM budget_policy), :aggressive, :normal, :freeze, :actor, :reason)
                RETURNING version
                """)
                .param("aggressive", policy.aggressiveAbove())
                .param("normal", policy.normalAbove())
                .param("freeze", policy.freezeAtOrBelow())
                .param("actor", context.actor().name())
                .param("reason", context.reason())
                .query(Long.class)
                .single();
        audit.record(context, "policy.changed", "policy/v" + version, before.policy(), policy);
        return history().stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow();
    }

    private static Version row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Version(
                rs.getLong("version"),
                new BudgetPolicy(
                        rs.getDouble("aggressive_above"),
                        rs.getDouble("normal_above"),
                        rs.getDouble("freeze_at_or_below")),
                rs.getString("actor"),
                rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant());
    }
}
