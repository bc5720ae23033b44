package dev.runway.api.intake;

import dev.runway.api.frontdoor.Peer;
import dev.runway.api.frontdoor.Peers;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a deployment into a rollout at the rollout-controller and records both. The rollout-controller keeps
 * the rollout's own history; the front door keeps what CI asked for and who asked.
 */
@Component
class RolloutStarter {
    private final Peers peers;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    RolloutStarter(Peers peers, JdbcClient jdbc, AuditLog audit, TransactionTemplate tx, JsonMapper json) {
        this.peers = peers;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
    }

    /** The controller's refusal, handed back to the caller as it came. */
    static final class Refused extends RuntimeException {
        final Peers.Answer answer;

        Refused(Peers.Answer answer) {
            super("the rollout-controller refused: " + answer.status());
            this.answer = answer;
        }
    }

    Deployment start(Deployment.Request request, String source, AuditContext context) {
        if (isBlank(request.artifact()) && isBlank(request.canaryUrl())) {
            throw ApiProblem.invalid(
                    "artifact", "name the build (artifact) or where the new version answers (canaryUrl)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", request.service());
        body.put("version", request.version());
        body.put("artifact", isBlank(request.artifact()) ? request.canaryUrl() : request.artifact());
        body.put("commitSha", request.commitSha());
        if (request.commitTime() != null) {
            body.put("commitTime", request.commitTime().toString());
        }
        if (!isBlank(request.canaryUrl())) {
            body.put("canaryUpstream", request.canaryUrl());
        }
        if (request.strategy() != null && !request.strategy().isNull()) {
            body.put("strategy", request.strategy());
        }
        Peers.Answer answer = peers.send(Peer.ROLLOUT_CONTROLLER, "POST", "/api/v1/rollouts", body, context);
        if (!answer.ok()) {
            throw new Refused(answer);
        }
        JsonNode rollout = json.readTree(answer.body());
        String rolloutId = rollout.path("id").asString();
        Deployment deployment = new Deployment(
                UUID.randomUUID().toString(),
                request.service(),
                request.version(),
                request.commitSha(),
                request.commitTime(),
                source,
                context.actor().name(),
                rolloutId,
                "/api/v1/rollouts/" + rolloutId,
                java.time.Instant.now());
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO deployments (id, service, version, commit_sha, commit_time, source, actor, rollout_id)
                    VALUES (:id, :service, :version, :sha, :time, :source, :actor, :rollout)
                    """)
                    .param("id", deployment.id())
                    .param("service", deployment.service())
                    .param("version", deployment.version())
                    .param("sha", deployment.commitSha())
                    .param("time", deployment.commitTime() == null ? null : Timestamp.from(deployment.commitTime()))
                    .param("source", source)
                    .param("actor", deployment.actor())
                    .param("rollout", rolloutId)
                    .update();
            audit.record(context, "deployment.received", "service/" + deployment.service(), null, deployment);
        });
        return deployment;
    }

    List<Deployment> list(String service, int limit) {
        return jdbc.sql("""
                SELECT * FROM deployments WHERE (CAST(:service AS text) IS NULL OR service = :service)
                ORDER BY received_at DESC LIMIT :limit
                """)
                .param("service", service)
                .param("limit", limit)
                .query((rs, row) -> new Deployment(
                        rs.getString("id"),
                        rs.getString("service"),
                        rs.getString("version"),
                        rs.getString("commit_sha"),
                        rs.getTimestamp("commit_time") == null
                                ? null
                                : rs.getTimestamp("commit_time").toInstant(),
                        rs.getString("source"),
                        rs.getString("actor"),
                        rs.getString("rollout_id"),
                        "/api/v1/rollouts/" + rs.getString("rollout_id"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    Optional<Deployment> find(String id) {
        return list(null, 500).stream().filter(d -> d.id().equals(id)).findFirst();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
