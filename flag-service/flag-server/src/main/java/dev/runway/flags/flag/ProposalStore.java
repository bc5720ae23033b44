package dev.runway.flags.flag;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.flags.ruleset.FlagDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rows of pending and decided proposals; the decisions themselves are taken in {@link FlagStore}. */
@Repository
class ProposalStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProposalStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Proposal create(
            String key,
            int baseVersion,
            String action,
            FlagDocument document,
            boolean deleted,
            Collection<String> environments,
            AuditContext context) {
        long id = jdbc.sql("""
                INSERT INTO proposals (flag_key, base_version, action, document, deleted, environments, proposed_by, reason)
                VALUES (:key, :base, :action, CAST(:document AS jsonb), :deleted, CAST(:environments AS jsonb), :actor, :reason)
                RETURNING id
                """)
                .param("key", key)
                .param("base", baseVersion)
                .param("action", action)
                .param("document", json.writeValueAsString(document))
                .param("deleted", deleted)
                .param("environments", json.writeValueAsString(List.copyOf(environments)))
                .param("actor", context.actor().name())
                .param("reason", context.reason())
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    Optional<Proposal> find(long id) {
        return jdbc.sql("SELECT *, document::text AS doc, environments::text AS envs FROM proposals WHERE id = :id")
                .param("id", id)
                .query(this::read)
                .optional();
    }

    /** The proposal, locked, if it is still pending; 404 or 409 otherwise. */
    Proposal pending(long id) {
        Proposal proposal = jdbc.sql(
                        "SELECT *, document::text AS doc, environments::text AS envs FROM proposals WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::read)
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("proposal", Long.toString(id)));
        if (!proposal.status().equals("PENDING")) {
            throw ApiProblem.conflict("proposal-decided", "proposal #" + id + " is already " + proposal.status());
        }
        return proposal;
    }

    void decide(long id, String status, AuditContext context) {
        jdbc.sql("""
                UPDATE proposals SET status = :status, decided_by = :actor, decision_reason = :reason, decided_at = now()
                WHERE id = :id
                """)
                .param("status", status)
                .param("actor", context.actor().name())
                .param("reason", context.reason())
                .param("id", id)
                .update();
    }

    List<Proposal> list(String status) {
        return jdbc.sql("""
                SELECT *, document::text AS doc, environments::text AS envs FROM proposals
                WHERE (CAST(:status AS text) IS NULL OR status = :status) ORDER BY id
                """).param("status", status).query(this::read).list();
    }

    private Proposal read(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Proposal(
                rs.getLong("id"),
                rs.getString("flag_key"),
                rs.getInt("base_version"),
                rs.getString("action"),
                json.readValue(rs.getString("doc"), FlagDocument.class),
                rs.getBoolean("deleted"),
                json.readValue(rs.getString("envs"), STRINGS),
                rs.getString("status"),
                rs.getString("proposed_by"),
                rs.getString("reason"),
                rs.getString("decided_by"),
                rs.getString("decision_reason"),
                rs.getTimestamp("created_at").toInstant(),
                decided == null ? null : decided.toInstant());
    }
}
