package dev.runway.flags.segment;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import dev.runway.flags.engine.Violation;
import dev.runway.flags.engine.model.Ring;
import dev.runway.flags.engine.model.Segment;
import dev.runway.flags.ruleset.RulesetAssembly;
import dev.runway.flags.stream.ChangeLog;
import dev.runway.flags.stream.StoredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segments and the ordered rings, shared by all environments. A change is validated against every flag in
 * every environment, so a segment cannot be deleted or broken while a rule or ring still uses it.
 */
@Repository
class SegmentStore {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final ChangeLog changes;

    SegmentStore(JdbcClient jdbc, JsonMapper json, AuditLog audit, ChangeLog changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.changes = changes;
    }

    /** Creates or replaces; {@code mustExist} decides whether this is an update (404) or a create (409). */
    @Transactional
    Segment save(Segment segment, boolean mustExist, AuditContext context) {
        StoredState.lockForChange(jdbc);
        Optional<Segment> before = find(segment.key());
        if (mustExist && before.isEmpty()) {
            throw ApiProblem.notFound("segment", segment.key());
        }
        if (!mustExist && before.isPresent()) {
            throw ApiProblem.conflict("segment-exists", "segment '" + segment.key() + "' already exists");
        }
        StoredState state = StoredState.read(jdbc, json);
        List<Segment> segments = new ArrayList<>(state.segments().stream()
                .filter(other -> !other.key().equals(segment.key()))
                .toList());
        segments.add(segment);
        reject(RulesetAssembly.check(
                new RulesetAssembly.Subject.OfSegment(segment.key()),
                state.flags(),
                segments,
                state.rings(),
                state.environments()));
        jdbc.sql("""
                INSERT INTO segments (key, version, document) VALUES (:key, 1, CAST(:document AS jsonb))
                ON CONFLICT (key) DO UPDATE SET version = segments.version + 1, document = excluded.document,
                    updated_at = now()
                """)
                .param("key", segment.key())
                .param("document", json.writeValueAsString(segment))
                .update();
        String action = before.isPresent() ? "segment.updated" : "segment.created";
        changes.commit("segment/" + segment.key(), action, context);
        audit.record(context, action, "segment/" + segment.key(), before.orElse(null), segment);
        return segment;
    }

    @Transactional
    void delete(String key, AuditContext context) {
        StoredState.lockForChange(jdbc);
        Segment before = find(key).orElseThrow(() -> ApiProblem.notFound("segment", key));
        StoredState state = StoredState.read(jdbc, json);
        List<Segment> remaining = state.segments().stream()
                .filter(other -> !other.key().equals(key))
                .toList();
        List<Violation> violations = RulesetAssembly.check(
                new RulesetAssembly.Subject.OfSegment(key),
                state.flags(),
                remaining,
                state.rings(),
                state.environments());
        if (!violations.isEmpty()) {
            throw ApiProblem.conflict(
                    "segment-in-use",
                    "segment '" + key + "' is still used: "
                            + violations.getFirst().path());
        }
        jdbc.sql("DELETE FROM segments WHERE key = :key").param("key", key).update();
        changes.commit("segment/" + key, "segment.deleted", context);
        audit.record(context, "segment.deleted", "segment/" + key, before, null);
    }

    Optional<Segment> find(String key) {
        return jdbc.sql("SELECT document::text FROM segments WHERE key = :key")
                .param("key", key)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, Segment.class));
    }

    List<Segment> list() {
        return StoredState.read(jdbc, json).segments();
    }

    List<Ring> rings() {
        return StoredState.read(jdbc, json).rings();
    }

    @Transactional
    List<Ring> setRings(List<Ring> rings, AuditContext context) {
        StoredState.lockForChange(jdbc);
        StoredState state = StoredState.read(jdbc, json);
        reject(RulesetAssembly.check(
                new RulesetAssembly.Subject.OfRings(), state.flags(), state.segments(), rings, state.environments()));
        jdbc.sql("UPDATE rings SET document = CAST(:document AS jsonb), updated_at = now() WHERE id = 1")
                .param("document", json.writeValueAsString(rings))
                .update();
        changes.commit("rings", "rings.set", context);
        audit.record(context, "rings.set", "rings", state.rings(), rings);
        return rings;
    }

    private static void reject(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations.stream()
                    .map(violation -> new FieldViolation(violation.path(), violation.message()))
                    .toList());
        }
    }
}
