package dev.runway.flags.flag;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import dev.runway.flags.engine.Violation;
import dev.runway.flags.ruleset.ApprovalPolicy;
import dev.runway.flags.ruleset.FlagDocument;
import dev.runway.flags.ruleset.RulesetAssembly;
import dev.runway.flags.stream.ChangeLog;
import dev.runway.flags.stream.StoredState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flags and their versions. Every change — create, edit, kill, delete, restore — writes a new version row
 * next to the current one, in one transaction with its audit record and its change notice; a change that
 * fails validation writes nothing.
 */
@Repository
class FlagStore {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final ChangeLog changes;
    private final ProposalStore proposals;

    FlagStore(JdbcClient jdbc, JsonMapper json, AuditLog audit, ChangeLog changes, ProposalStore proposals) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.changes = changes;
        this.proposals = proposals;
    }

    @Transactional
    Outcome create(FlagDocument document, AuditContext context) {
        StoredState.lockForChange(jdbc);
        Optional<Row> existing = row(document.key());
        if (existing.isPresent() && !existing.get().deleted()) {
            throw ApiProblem.conflict("flag-exists", "flag '" + document.key() + "' already exists");
        }
        return decide(document.key(), existing, document, false, "flag.created", context, false);
    }

    /**
     * Applies an edit to the current document; 404 when there is no such (live) flag.
     *
     * @param emergency a kill: applied at once even where approval is required
     */
    @Transactional
    Outcome change(
            String key, String action, AuditContext context, boolean emergency, UnaryOperator<FlagDocument> edit) {
        StoredState.lockForChange(jdbc);
        Row current = live(key);
        FlagDocument next = edit.apply(current.document()).withKey(key);
        return decide(key, Optional.of(current), next, false, action, context, emergency);
    }

    @Transactional
    Outcome delete(String key, AuditContext context) {
        StoredState.lockForChange(jdbc);
        Row current = live(key);
        return decide(key, Optional.of(current), current.document(), true, "flag.deleted", context, false);
    }

    /** Makes an old version current again, as a new version (history is never rewritten). */
    @Transactional
    Outcome restore(String key, int version, AuditContext context) {
        StoredState.lockForChange(jdbc);
        Optional<Row> current = row(key);
        if (current.isEmpty()) {
            throw ApiProblem.notFound("flag", key);
        }
        FlagVersion old =
                version(key, version).orElseThrow(() -> ApiProblem.notFound("flag version", key + "@" + version));
        if (old.deleted()) {
            throw ApiProblem.invalid("version", "version " + version + " is a deletion; restore the one before it");
        }
        // A restore rolls back what the flag does, not who owns it: bringing back an old owner (or none) would
        // hand the flag to another team behind the front door's back, which checked only the current owner.
        FlagDocument restored = old.flag().withService(current.get().document().service());
        return decide(key, current, restored, false, "flag.restored", context, false);
    }

    /** Applies a pending proposal: another person than its author, and only if the flag has not moved on. */
    @Transactional
    StoredFlag approve(long id, AuditContext context) {
        StoredState.lockForChange(jdbc);
        Proposal proposal = proposals.pending(id);
        if (proposal.proposedBy().equals(context.actor().name())) {
            throw ApiProblem.forbidden("a change cannot be approved by the person who proposed it");
        }
        Optional<Row> current = row(proposal.flagKey());
        int currentVersion = current.map(Row::version).orElse(0);
        boolean live = current.isPresent() && !current.get().deleted();
        if (currentVersion != proposal.baseVersion()) {
            throw ApiProblem.conflict(
                    "proposal-outdated",
                    "flag '" + proposal.flagKey() + "' changed since this was proposed (version "
                            + proposal.baseVersion() + " -> " + currentVersion + "); propose again");
        }
        proposals.decide(id, "APPROVED", context);
        audit.record(context, "flag.change-approved", "proposal/" + id, proposal, null);
        AuditContext applying = new AuditContext(
                context.actor(),
                "approves proposal #" + id + " by " + proposal.proposedBy() + ": " + proposal.reason());
        return save(
                proposal.flagKey(),
                live ? current.get().document() : null,
                proposal.flag(),
                currentVersion + 1,
                proposal.deleted(),
                proposal.action(),
                applying);
    }

    @Transactional
    Proposal reject(long id, AuditContext context) {
        Proposal proposal = proposals.pending(id);
        proposals.decide(id, "REJECTED", context);
        audit.record(context, "flag.change-rejected", "proposal/" + id, proposal, null);
        return proposals.find(id).orElseThrow();
    }

    private Outcome decide(
            String key,
            Optional<Row> current,
            FlagDocument after,
            boolean deleted,
            String action,
            AuditContext context,
            boolean emergency) {
        boolean live = current.isPresent() && !current.get().deleted();
        FlagDocument before = live ? current.get().document() : null;
        int version = current.map(Row::version).orElse(0);
        Set<String> guarded = emergency
                ? Set.of()
                : ApprovalPolicy.environmentsNeedingApproval(before, deleted ? null : after, guardedEnvironments());
        if (guarded.isEmpty()) {
            return new Outcome.Applied(save(key, before, after, version + 1, deleted, action, context));
        }
        if (deleted) {
            validateWithout(key);
        } else {
            validate(key, after);
        }
        Proposal proposal = proposals.create(key, version, action, after, deleted, guarded, context);
        audit.record(context, "flag.change-proposed", "flag/" + key, before, proposal);
        return new Outcome.Proposed(proposal);
    }

    private List<String> guardedEnvironments() {
        return jdbc.sql("SELECT key FROM environments WHERE requires_approval ORDER BY key")
                .query(String.class)
                .list();
    }

    /** What a change request led to. */
    sealed interface Outcome {
        record Applied(StoredFlag flag) implements Outcome {}

        record Proposed(Proposal proposal) implements Outcome {}
    }

    Optional<StoredFlag> find(String key) {
        return row(key).filter(row -> !row.deleted()).map(row -> new StoredFlag(row.version(), row.document()));
    }

    /** @param service only the flags this service owns, or {@code null} for all */
    List<StoredFlag> list(String service) {
        return jdbc.sql("""
                        SELECT key, version, document::text AS document, deleted FROM flags
                        WHERE NOT deleted AND (CAST(:service AS text) IS NULL OR service = :service) ORDER BY key
                        """).param("service", service).query(this::readRow).list().stream()
                .map(row -> new StoredFlag(row.version(), row.document()))
                .toList();
    }

    List<FlagVersion> versions(String key) {
        return jdbc.sql("SELECT * , document::text AS text FROM flag_versions WHERE flag_key = :key ORDER BY version")
                .param("key", key)
                .query(this::readVersion)
                .list();
    }

    Optional<FlagVersion> version(String key, int version) {
        return jdbc.sql(
                        "SELECT *, document::text AS text FROM flag_versions WHERE flag_key = :key AND version = :version")
                .param("key", key)
                .param("version", version)
                .query(this::readVersion)
                .optional();
    }

    private StoredFlag save(
            String key,
            FlagDocument before,
            FlagDocument after,
            int version,
            boolean deleted,
            String action,
            AuditContext context) {
        if (!deleted) {
            validate(key, after);
        } else {
            validateWithout(key);
        }
        String document = json.writeValueAsString(after);
        jdbc.sql("""
                INSERT INTO flags (key, version, document, deleted) VALUES (:key, :version, CAST(:document AS jsonb), :deleted)
                ON CONFLICT (key) DO UPDATE SET version = excluded.version, document = excluded.document,
                    deleted = excluded.deleted, updated_at = now()
                """)
                .param("key", key)
                .param("version", version)
                .param("document", document)
                .param("deleted", deleted)
                .update();
        long revision = changes.commit("flag/" + key, action, context);
        jdbc.sql("""
                INSERT INTO flag_versions (flag_key, version, document, deleted, action, actor, reason, revision)
                VALUES (:key, :version, CAST(:document AS jsonb), :deleted, :action, :actor, :reason, :revision)
                """)
                .param("key", key)
                .param("version", version)
                .param("document", document)
                .param("deleted", deleted)
                .param("action", action)
                .param("actor", context.actor().name())
                .param("reason", context.reason())
                .param("revision", revision)
                .update();
        audit.record(context, action, "flag/" + key, before, deleted ? null : after);
        return new StoredFlag(version, after);
    }

    private void validate(String key, FlagDocument candidate) {
        reject(violations(key, candidate));
    }

    /** What would be wrong, in every environment, if this document replaced the flag's current one. */
    List<Violation> violations(String key, FlagDocument candidate) {
        StoredState state = StoredState.read(jdbc, json);
        List<FlagDocument> flags = new ArrayList<>();
        state.flags().stream().filter(flag -> !flag.key().equals(key)).forEach(flags::add);
        flags.add(candidate);
        return RulesetAssembly.check(
                new RulesetAssembly.Subject.OfFlag(key), flags, state.segments(), state.rings(), state.environments());
    }

    private void validateWithout(String key) {
        StoredState state = StoredState.read(jdbc, json);
        List<FlagDocument> flags =
                state.flags().stream().filter(flag -> !flag.key().equals(key)).toList();
        List<Violation> violations = RulesetAssembly.check(
                new RulesetAssembly.Subject.OfFlag(key), flags, state.segments(), state.rings(), state.environments());
        if (!violations.isEmpty()) {
            throw ApiProblem.conflict(
                    "flag-in-use",
                    "other flags depend on '" + key + "': "
                            + violations.getFirst().path() + " "
                            + violations.getFirst().message());
        }
    }

    static void reject(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations.stream()
                    .map(violation -> new FieldViolation(violation.path(), violation.message()))
                    .toList());
        }
    }

    private Row live(String key) {
        return row(key).filter(row -> !row.deleted()).orElseThrow(() -> ApiProblem.notFound("flag", key));
    }

    private Optional<Row> row(String key) {
        return jdbc.sql(
                        "SELECT key, version, document::text AS document, deleted FROM flags WHERE key = :key FOR UPDATE")
                .param("key", key)
                .query(this::readRow)
                .optional();
    }

    private Row readRow(ResultSet rs, int row) throws SQLException {
        return new Row(
                rs.getInt("version"),
                json.readValue(rs.getString("document"), FlagDocument.class),
                rs.getBoolean("deleted"));
    }

    private FlagVersion readVersion(ResultSet rs, int row) throws SQLException {
        return new FlagVersion(
                rs.getInt("version"),
                rs.getBoolean("deleted"),
                rs.getString("action"),
                rs.getString("actor"),
                rs.getString("reason"),
                rs.getLong("revision"),
                rs.getTimestamp("created_at").toInstant(),
                json.readValue(rs.getString("text"), FlagDocument.class));
    }

    private record Row(int version, FlagDocument document, boolean deleted) {}
}
