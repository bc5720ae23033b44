package dev.runway.rollouts.rollout;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.rollouts.machine.Rollout;
import dev.runway.rollouts.machine.RolloutState;
import dev.runway.rollouts.notify.RolloutNotifier;
import dev.runway.rollouts.strategy.StepSpec;
import dev.runway.rollouts.strategy.Strategy;
import dev.runway.rollouts.strategy.StrategyParser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rollouts and their transitions. Every state change goes through {@link #save}, which writes the new
 * state, its transition record and the audit record together; callers run it inside their transaction.
 */
@Repository
class RolloutStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;
    private final RolloutNotifier notifier;

    RolloutStore(JdbcClient jdbc, AuditLog audit, JsonMapper json, RolloutNotifier notifier) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
        this.notifier = notifier;
    }

    record StoredStrategy(String name, List<StepSpec> steps) {}

    /** Thrown when another writer changed the rollout since it was read. */
    static final class StaleRollout extends RuntimeException {
        StaleRollout(String id) {
            super("rollout " + id + " changed concurrently");
        }
    }

    void insert(RolloutRecord r, String breakGlassJson, AuditContext context) {
        Rollout ro = r.rollout();
        try {
            jdbc.sql("""
                    INSERT INTO rollouts (id, service, version, artifact, commit_sha, commit_time, canary_upstream,
                        previous_version, posture, break_glass, strategy, state, step_index, step_started_at,
                        attempt, reverts_promotion, reason)
                    VALUES (:id, :service, :version, :artifact, :sha, :commitTime, :canary, :previous, :posture,
                        CAST(:breakGlass AS jsonb), CAST(:strategy AS jsonb), :state, :step, :stepStartedAt,
                        :attempt, :reverts, :reason)
                    """)
                    .param("id", ro.id())
                    .param("service", ro.service())
                    .param("version", ro.version())
                    .param("artifact", r.artifact())
                    .param("sha", r.commitSha())
                    .param("commitTime", ts(r.commitTime()))
                    .param("canary", r.canaryUpstream())
                    .param("previous", r.previousVersion())
                    .param("posture", r.posture())
                    .param("breakGlass", breakGlassJson)
                    .param("strategy", json.writeValueAsString(stored(ro.strategy())))
                    .param("state", ro.state().name())
                    .param("step", ro.stepIndex())
                    .param("stepStartedAt", ts(ro.stepStartedAt()))
                    .param("attempt", ro.attempt())
                    .param("reverts", ro.revertsPromotion())
                    .param("reason", ro.reason())
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict(
                    "rollout-in-progress",
                    "service '" + ro.service() + "' already has an unfinished rollout; abort or finish it first");
        }
        transition(null, ro, TransitionNote.of("create"), context);
        audit.record(context, "rollout.created", "rollout/" + ro.id(), null, view(ro));
    }

    /**
     * Writes {@code next} if the stored revision is still {@code current.revision()}, with its transition and
     * audit record; returns the stored record.
     */
    RolloutRecord save(RolloutRecord current, Rollout next, TransitionNote note, AuditContext context) {
        Rollout before = current.rollout();
        int updated = jdbc.sql("""
                UPDATE rollouts SET state = :state, step_index = :step, step_started_at = :stepStartedAt,
                    attempt = :attempt, reverts_promotion = :reverts, reason = :reason,
                    last_report = COALESCE(CAST(:report AS jsonb), last_report),
                    revision = revision + 1, updated_at = now()
                WHERE id = :id AND revision = :revision
                """)
                .param("state", next.state().name())
                .param("step", next.stepIndex())
                .param("stepStartedAt", ts(next.stepStartedAt()))
                .param("attempt", next.attempt())
                .param("reverts", next.revertsPromotion())
                .param("reason", next.reason())
                .param("report", note.report() == null ? null : json.writeValueAsString(note.report()))
                .param("id", next.id())
                .param("revision", current.revision())
                .update();
        if (updated == 0) {
            throw new StaleRollout(next.id());
        }
        transition(before.state(), next, note, context);
        audit.record(
                context,
                "rollout." + next.state().name().toLowerCase().replace('_', '-'),
                "rollout/" + next.id(),
                view(before),
                view(next));
        return find(next.id()).orElseThrow();
    }

    /** Keeps the judge's newest report without a transition (it changes every few seconds). */
    void saveReport(String id, String reportJson) {
        jdbc.sql("UPDATE rollouts SET last_report = CAST(:report AS jsonb) WHERE id = :id")
                .param("report", reportJson)
                .param("id", id)
                .update();
    }

    private void transition(RolloutState from, Rollout to, TransitionNote note, AuditContext context) {
        jdbc.sql("""
                INSERT INTO rollout_transitions (rollout_id, actor, from_state, to_state, step_index, attempt,
                    decision, reason, failed_metrics, report)
                VALUES (:id, :actor, :from, :to, :step, :attempt, :decision, :reason,
                    CAST(:failed AS jsonb), CAST(:report AS jsonb))
                """)
                .param("id", to.id())
                .param("actor", context.actor().name())
                .param("from", from == null ? null : from.name())
                .param("to", to.state().name())
                .param("step", to.stepIndex())
                .param("attempt", to.attempt())
                .param("decision", note.decision())
                .param("reason", to.reason())
                .param("failed", note.failedMetrics().isEmpty() ? null : json.writeValueAsString(note.failedMetrics()))
                .param("report", note.report() == null ? null : json.writeValueAsString(note.report()))
                .update();
        if (from != to.state()) {
            var change = new RolloutNotifier.StateChange(
                    to.id(),
                    to.service(),
                    to.version(),
                    from == null ? null : from.name(),
                    to.state().name(),
                    to.reason(),
                    context.actor().name(),
                    Instant.now());
            afterCommit(() -> notifier.stateChanged(change));
        }
    }

    /** Notifications describe committed changes only; outside a transaction they go at once. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    Optional<RolloutRecord> find(String id) {
        return jdbc.sql("SELECT * FROM rollouts WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    /** For update: locks the row so that a command and the reconciler serialise on it. */
    Optional<RolloutRecord> lock(String id) {
        return jdbc.sql("SELECT * FROM rollouts WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    List<RolloutRecord> list(String service, String state, int limit) {
        return jdbc.sql("""
                SELECT * FROM rollouts
                WHERE (CAST(:service AS text) IS NULL OR service = :service)
                  AND (CAST(:state AS text) IS NULL OR state = :state)
                ORDER BY created_at DESC, id LIMIT :limit
                """)
                .param("service", service)
                .param("state", state)
                .param("limit", limit)
                .query(this::row)
                .list();
    }

    /** Ids of rollouts the reconciler still has to drive. */
    List<String> unfinished() {
        return jdbc.sql(
                        "SELECT id FROM rollouts WHERE state NOT IN ('PROMOTED', 'ROLLED_BACK', 'FAILED') ORDER BY created_at")
                .query(String.class)
                .list();
    }

    List<RolloutViews.TransitionView> transitions(String id) {
        return jdbc.sql("SELECT * FROM rollout_transitions WHERE rollout_id = :id ORDER BY id")
                .param("id", id)
                .query((rs, n) -> new RolloutViews.TransitionView(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("from_state"),
                        rs.getString("to_state"),
                        rs.getInt("step_index"),
                        rs.getInt("attempt"),
                        rs.getString("decision"),
                        rs.getString("reason"),
                        RolloutViews.rawJson(rs.getString("failed_metrics")),
                        RolloutViews.rawJson(rs.getString("report"))))
                .list();
    }

    private RolloutRecord row(ResultSet rs, int n) throws SQLException {
        StoredStrategy stored = json.readValue(rs.getString("strategy"), StoredStrategy.class);
        // Stored strategies were validated on the way in; parsing again keeps one mapping from text to steps.
        Strategy strategy =
                StrategyParser.parse(stored.name(), stored.steps(), "strategy").strategy();
        Rollout rollout = new Rollout(
                rs.getString("id"),
                rs.getString("service"),
                rs.getString("version"),
                strategy,
                RolloutState.valueOf(rs.getString("state")),
                rs.getInt("step_index"),
                rs.getTimestamp("step_started_at").toInstant(),
                rs.getInt("attempt"),
                rs.getBoolean("reverts_promotion"),
                rs.getString("reason"));
        Timestamp commitTime = rs.getTimestamp("commit_time");
        return new RolloutRecord(
                rollout,
                rs.getString("artifact"),
                rs.getString("commit_sha"),
                commitTime == null ? null : commitTime.toInstant(),
                rs.getString("canary_upstream"),
                rs.getString("previous_version"),
                rs.getString("posture"),
                rs.getLong("revision"),
                rs.getString("last_report"),
                instant(rs.getTimestamp("analysis_from")),
                rs.getString("previous_upstream"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("consecutive_failures"),
                rs.getString("last_error"));
    }

    /** Counts one more failed pass with its error; returns how many failed in a row. */
    int recordFailure(String id, String error) {
        return jdbc.sql("""
                UPDATE rollouts SET consecutive_failures = consecutive_failures + 1, last_error = :error
                WHERE id = :id RETURNING consecutive_failures
                """)
                .param("error", error == null ? "" : error.length() > 2000 ? error.substring(0, 2000) : error)
                .param("id", id)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** A pass succeeded: the failure streak ends (no write when there was none). */
    void clearFailures(String id) {
        jdbc.sql(
                        "UPDATE rollouts SET consecutive_failures = 0, last_error = NULL WHERE id = :id AND consecutive_failures > 0")
                .param("id", id)
                .update();
    }

    static StoredStrategy stored(Strategy strategy) {
        return new StoredStrategy(
                strategy.name(), strategy.steps().stream().map(StepSpec::of).toList());
    }

    private static Object view(Rollout r) {
        return new AuditView(r.state().name(), r.stepIndex(), r.attempt(), r.reason());
    }

    private record AuditView(String state, int step, int attempt, String reason) {}

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The canary of the current attempt started now: the analysis replays the metrics store from here. */
    void markCanaryStarted(String id, Instant at, String previousUpstream) {
        jdbc.sql(
                        "UPDATE rollouts SET analysis_from = :at, previous_upstream = COALESCE(previous_upstream, :previous) WHERE id = :id")
                .param("at", ts(at))
                .param("previous", previousUpstream)
                .param("id", id)
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
