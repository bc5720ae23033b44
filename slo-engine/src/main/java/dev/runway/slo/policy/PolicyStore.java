package dev.runway.slo.policy;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.slo.policy.rules.BudgetPolicy;
import dev.runway.slo.policy.rules.PolicySet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every edit of the policy is a new version; the newest one is in force and any can be read back. */
@Repository
class PolicyStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;

    PolicyStore(JdbcClient jdbc, AuditLog audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    /**
     * @param policy the defaults
     * @param overrides thresholds per service that deviate from the defaults
     */
    record Version(
            long version,
            BudgetPolicy policy,
            Map<String, BudgetPolicy> overrides,
            String actor,
            String reason,
            Instant createdAt) {
        PolicySet set() {
            return new PolicySet(policy, overrides);
        }
    }

    Version current() {
        return jdbc.sql("SELECT * FROM budget_policy ORDER BY version DESC LIMIT 1")
                .query(this::row)
                .optional()
                .orElseGet(() ->
                        new Version(0, BudgetPolicy.DEFAULT, Map.of(), "default", "built-in default", Instant.EPOCH));
    }

    List<Version> history() {
        return jdbc.sql("SELECT * FROM budget_policy ORDER BY version DESC")
                .query(this::row)
                .list();
    }

    @Transactional
    Version save(PolicySet policy, AuditContext context) {
        var violations = policy.violations();
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        jdbc.sql("LOCK TABLE budget_policy IN EXCLUSIVE MODE").update();
        Version before = current();
        long version = jdbc.sql("""
                INSERT INTO budget_policy
                    (version, aggressive_above, normal_above, freeze_at_or_below, overrides, actor, reason)
                VALUES ((SELECT coalesce(max(version), 0) + 1 FROM budget_policy), :aggressive, :normal, :freeze,
                        CAST(:overrides AS jsonb), :actor, :reason)
                RETURNING version
                """)
                .param("aggressive", policy.defaults().aggressiveAbove())
                .param("normal", policy.defaults().normalAbove())
                .param("freeze", policy.defaults().freezeAtOrBelow())
                .param("overrides", json.writeValueAsString(policy.overrides()))
                .param("actor", context.actor().name())
                .param("reason", context.reason())
                .query(Long.class)
                .single();
        audit.record(context, "policy.changed", "policy/v" + version, before.set(), policy);
        return history().stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow();
    }

    private Version row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Version(
                rs.getLong("version"),
                new BudgetPolicy(
                        rs.getDouble("aggressive_above"),
                        rs.getDouble("normal_above"),
                        rs.getDouble("freeze_at_or_below")),
                json.readValue(rs.getString("overrides"), new TypeReference<Map<String, BudgetPolicy>>() {}),
                rs.getString("actor"),
                rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant());
    }
}
