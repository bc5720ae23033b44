package dev.runway.flags.sdkkey;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.flags.stream.ChangeLog;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issues and revokes SDK keys (management side, internal token). The secret is shown once, at creation;
 * only its hash is stored.
 */
@RestController
class SdkKeyController {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ChangeLog changes;

    SdkKeyController(JdbcClient jdbc, AuditLog audit, ChangeLog changes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.changes = changes;
    }

    @PostMapping("/api/v1/environments/{environment}/sdk-keys")
    @Transactional
    ResponseEntity<IssuedKey> issue(
            @PathVariable String environment, @RequestBody(required = false) KeyRequest request, AuditContext context) {
        requireEnvironment(environment);
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = "rw-sdk-" + environment + "-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = UUID.randomUUID().toString();
        String name =
                request == null || request.name() == null || request.name().isBlank() ? "sdk" : request.name();
        jdbc.sql("INSERT INTO sdk_keys (id, environment, name, secret_hash) VALUES (:id, :environment, :name, :hash)")
                .param("id", id)
                .param("environment", environment)
                .param("name", name)
                .param("hash", SdkKeys.hash(secret))
                .update();
        KeyInfo info = new KeyInfo(id, environment, name, Instant.now(), null);
        changes.commit("sdk-key/" + id, "sdk-key.issued", context);
        audit.record(context, "sdk-key.issued", "sdk-key/" + id, null, info);
        return ResponseEntity.created(URI.create("/api/v1/environments/" + environment + "/sdk-keys/" + id))
                .body(new IssuedKey(id, environment, name, secret));
    }

    @GetMapping("/api/v1/environments/{environment}/sdk-keys")
    List<KeyInfo> list(@PathVariable String environment) {
        requireEnvironment(environment);
        return jdbc.sql("SELECT * FROM sdk_keys WHERE environment = :environment ORDER BY created_at")
                .param("environment", environment)
                .query((rs, row) -> new KeyInfo(
                        rs.getString("id"),
                        rs.getString("environment"),
                        rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null
                                ? null
                                : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    @DeleteMapping("/api/v1/environments/{environment}/sdk-keys/{id}")
    @Transactional
    ResponseEntity<Void> revoke(@PathVariable String environment, @PathVariable String id, AuditContext context) {
        int revoked =
                jdbc.sql("""
                UPDATE sdk_keys SET revoked_at = now()
                WHERE id = :id AND environment = :environment AND revoked_at IS NULL
                """).param("id", id).param("environment", environment).update();
        if (revoked == 0) {
            throw ApiProblem.notFound("sdk key", id);
        }
        changes.commit("sdk-key/" + id, "sdk-key.revoked", context);
        audit.record(context, "sdk-key.revoked", "sdk-key/" + id, id, null);
        return ResponseEntity.noContent().build();
    }

    private void requireEnvironment(String environment) {
        boolean exists = jdbc.sql("SELECT count(*) FROM environments WHERE key = :key")
                        .param("key", environment)
                        .query(Integer.class)
                        .single()
                > 0;
        if (!exists) {
            throw ApiProblem.notFound("environment", environment);
        }
    }

    /** @param name what the key is for, e.g. the application using it */
    record KeyRequest(String name) {}

    /** The one response that carries the secret. */
    record IssuedKey(String id, String environment, String name, String key) {}

    record KeyInfo(String id, String environment, String name, Instant createdAt, Instant revokedAt) {}
}
