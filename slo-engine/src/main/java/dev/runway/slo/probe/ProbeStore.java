package dev.runway.slo.probe;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Probe definitions (validated whole, audited) and their results. */
@Repository
class ProbeStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;
    private final ProbeSecrets secrets;

    ProbeStore(JdbcClient jdbc, AuditLog audit, JsonMapper json, ProbeSettings settings) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
        this.secrets = settings.secrets();
    }

    record Result(
            long id, String probe, Instant at, boolean success, Integer failedStep, String reason, long durationMs) {}

    /** A reference to a secret the engine does not hold would fail every run: refuse it now. */
    private List<dev.runway.common.problem.FieldViolation> unknownSecrets(ProbeSpec probe) {
        var violations = new java.util.ArrayList<dev.runway.common.problem.FieldViolation>();
        for (int i = 0; i < probe.steps().size(); i++) {
            ProbeSpec.Step step = probe.steps().get(i);
            if (step == null || step.headers() == null) {
                continue;
            }
            String at = "steps[" + i + "].headers.";
            step.headers().forEach((header, value) -> ProbeSecrets.referenced(value).stream()
                    .filter(name -> secrets.value(name).isEmpty())
                    .findFirst()
                    .ifPresent(name -> violations.add(new dev.runway.common.problem.FieldViolation(
                            at + header,
                            "secret " + name + " is not configured on the slo-engine (" + secrets.where(name) + ")"))));
        }
        return violations;
    }

    List<ProbeSpec> all() {
        return jdbc.sql("SELECT spec FROM probes ORDER BY name")
                .query((rs, row) -> json.readValue(rs.getString(1), ProbeSpec.class))
                .list();
    }

    Optional<ProbeSpec> find(String name) {
        return jdbc.sql("SELECT spec FROM probes WHERE name = :name")
                .param("name", name)
                .query((rs, row) -> json.readValue(rs.getString(1), ProbeSpec.class))
                .optional();
    }

    /** Creates or replaces; a new or changed probe runs at once. */
    @Transactional
    ProbeSpec put(ProbeSpec probe, AuditContext context) {
        var violations = new java.util.ArrayList<>(probe.violations());
        violations.addAll(unknownSecrets(probe));
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        Optional<ProbeSpec> before = find(probe.name());
        jdbc.sql("""
                INSERT INTO probes (name, service, spec) VALUES (:name, :service, CAST(:spec AS jsonb))
                ON CONFLICT (name) DO UPDATE
                    SET service = EXCLUDED.service, spec = EXCLUDED.spec, next_run_at = now(), updated_at = now()
                """)
                .param("name", probe.name())
                .param("service", probe.service())
                .param("spec", json.writeValueAsString(probe))
                .update();
        audit.record(
                context,
                before.isPresent() ? "probe.changed" : "probe.created",
                "probe/" + probe.name(),
                before.orElse(null),
                probe);
        return probe;
    }

    @Transactional
    void delete(String name, AuditContext context) {
        ProbeSpec before = find(name).orElseThrow(() -> ApiProblem.notFound("probe", name));
        jdbc.sql("DELETE FROM probes WHERE name = :name").param("name", name).update();
        audit.record(context, "probe.deleted", "probe/" + name, before, null);
    }

    /**
     * Takes the probes whose time has come and sets their next run, in one statement; {@code SKIP LOCKED}
     * lets several replicas share the work without running a probe twice.
     */
    @Transactional
    List<ProbeSpec> claimDue() {
        return jdbc.sql("""
                UPDATE probes SET next_run_at = now() + CAST(spec->>'interval' AS interval)
                WHERE name IN (SELECT name FROM probes WHERE next_run_at <= now() FOR UPDATE SKIP LOCKED)
                RETURNING spec
                """)
                .query((rs, row) -> json.readValue(rs.getString(1), ProbeSpec.class))
                .list();
    }

    /** Makes a probe due now (a run on request). */
    @Transactional
    void runSoon(String name, AuditContext context) {
        if (jdbc.sql("UPDATE probes SET next_run_at = now() WHERE name = :name")
                        .param("name", name)
                        .update()
                == 0) {
            throw ApiProblem.notFound("probe", name);
        }
        audit.record(context, "probe.run-requested", "probe/" + name, null, null);
    }

    void record(String probe, JourneyRunner.Outcome outcome) {
        jdbc.sql("""
                INSERT INTO probe_results (probe, success, failed_step, reason, duration_ms)
                VALUES (:probe, :success, :step, :reason, :ms)
                """)
                .param("probe", probe)
                .param("success", outcome.success())
                .param("step", outcome.failedStep())
                .param("reason", outcome.reason())
                .param("ms", outcome.durationMs())
                .update();
    }

    List<Result> results(String probe, int limit) {
        return jdbc.sql("""
                SELECT id, probe, at, success, failed_step, reason, duration_ms FROM probe_results
                WHERE probe = :probe ORDER BY at DESC, id DESC LIMIT :limit
                """)
                .param("probe", probe)
                .param("limit", limit)
                .query((rs, row) -> new Result(
                        rs.getLong("id"),
                        rs.getString("probe"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getBoolean("success"),
                        (Integer) rs.getObject("failed_step"),
                        rs.getString("reason"),
                        rs.getLong("duration_ms")))
                .list();
    }
}
