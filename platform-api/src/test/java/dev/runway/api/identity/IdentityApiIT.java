package dev.runway.api.identity;

import static dev.runway.testkit.Problems.assertProblem;
import static dev.runway.testkit.Problems.reasonFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.api.support.Identities;
import dev.runway.api.support.PublicApi;
import dev.runway.testkit.TestDatabase;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** Users and tokens through the public API: shown once, hashed at rest, audited, and bad input is a 400. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.api.identity.bootstrap-admin-token=" + Identities.ADMIN_TOKEN)
class IdentityApiIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    PublicApi admin;
    String suffix;

    @BeforeEach
    void given() {
        var ids = new Identities(port);
        ids.team("shop");
        admin = ids.admin();
        suffix = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aTokenIsShownOnceStoredOnlyAsAHashWorksUntilRevokedAndBothChangesAreAudited() throws Exception {
        // when an admin creates a token, saying why
        var created = admin.send(
                "POST",
                "/api/v1/tokens",
                "{\"name\": \"ci-" + suffix
                        + "\", \"roles\": [\"deployer\"], \"teams\": [\"shop\"], \"expiresIn\": \"P7D\"}",
                Map.of("X-Runway-Reason", "CI for shop"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var token = JSON.readTree(created.body());
        String secret = token.path("token").asString();
        String id = token.path("id").asString();
        // then the secret works, is never listed and never stored
        assertThat(PublicApi.at(port, secret).get("/api/v1/me").body()).contains("\"ci-" + suffix + "\"");
        assertThat(admin.get("/api/v1/tokens").body()).contains(id).doesNotContain(secret);
        assertThat(admin.get("/api/v1/tokens/" + id).body()).doesNotContain(secret);
        try (var db = TestDatabase.get().appConnection();
                var rows = db.createStatement()
                        .executeQuery("SELECT secret_hash FROM platform.api_tokens WHERE id = '" + id + "'")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(TokenStore.hash(secret)).isNotEqualTo(secret);
        }
        // and once revoked it is refused
        admin.send("DELETE", "/api/v1/tokens/" + id, null, Map.of("X-Runway-Reason", "laptop lost"));
        var refused = assertProblem(PublicApi.at(port, secret).get("/api/v1/me"), 401);
        assertThat(refused.path("detail").asString()).contains("revoked");
        assertThat(audited("token/ci-" + suffix))
                .containsExactly(
                        "token.created by bootstrap-admin: CI for shop",
                        "token.revoked by bootstrap-admin: laptop lost");
    }

    @Test
    void aUserIsCreatedWithAHashedPasswordAndChangesAreAuditedWithoutThePassword() throws Exception {
        String name = "ann-" + suffix;
        var created = admin.send(
                "POST",
                "/api/v1/users",
                "{\"name\": \"" + name + "\", \"password\": \"a-long-passphrase\", \"roles\": [\"sre\"]}",
                Map.of("X-Runway-Reason", "joins on-call"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("a-long-passphrase").doesNotContain("password");
        var updated = admin.send(
                "PUT",
                "/api/v1/users/" + name,
                "{\"roles\": [\"deployer\"], \"teams\": [\"shop\"], \"password\": \"another-long-passphrase\"}",
                Map.of("X-Runway-Reason", "moves to shop"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(audited("user/" + name))
                .containsExactly(
                        "user.created by bootstrap-admin: joins on-call",
                        "user.updated-with-password by bootstrap-admin: moves to shop");
        try (var db = TestDatabase.get().appConnection();
                var rows = db.createStatement()
                        .executeQuery("SELECT password_hash FROM platform.users WHERE name = '" + name + "'")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("$2").doesNotContain("another-long-passphrase");
        }
        try (var db = TestDatabase.get().appConnection();
                var rows = db.createStatement()
                        .executeQuery("SELECT count(*) FROM audit.audit_log WHERE after::text LIKE '%passphrase%'"
                                + " OR after::text LIKE '%$2a$%'")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void badInputIsA400NamingTheFieldAndTheReason() {
        var role = assertProblem(
                admin.post(
                        "/api/v1/users",
                        "{\"name\": \"bob-" + suffix + "\", \"password\": \"long-enough-pass\","
                                + " \"roles\": [\"wizard\"]}"),
                400,
                "roles[0]");
        assertThat(reasonFor(role, "roles[0]")).contains("not a role");
        assertProblem(
                admin.post(
                        "/api/v1/users",
                        "{\"name\": \"bob-" + suffix + "\", \"password\": \"short\", \"roles\": [\"viewer\"]}"),
                400,
                "password");
        assertProblem(
                admin.post(
                        "/api/v1/users",
                        "{\"name\": \"Bob!\", \"password\": \"long-enough-pass\", \"roles\": [\"viewer\"]}"),
                400,
                "name");
        assertProblem(
                admin.post(
                        "/api/v1/users",
                        "{\"name\": \"bob-" + suffix + "\", \"password\": \"long-enough-pass\","
                                + " \"roles\": [\"viewer\"], \"teams\": [\"no-such-team\"]}"),
                400,
                "teams[0]");
        assertProblem(
                admin.post(
                        "/api/v1/tokens",
                        "{\"name\": \"t-" + suffix + "\", \"roles\": [\"viewer\"], \"expiresIn\": \"soon\"}"),
                400,
                "expiresIn");
        assertProblem(
                admin.post(
                        "/api/v1/tokens",
                        "{\"name\": \"t-" + suffix + "\", \"roles\": [\"viewer\"], \"expiresIn\": \"P9999D\"}"),
                400,
                "expiresIn");
        assertProblem(admin.post("/api/v1/tokens", "{\"name\": \"t-" + suffix + "\", \"roles\": []}"), 400, "roles");
        assertProblem(
                admin.post("/api/v1/tokens", "{\"name\": \"t-" + suffix + "\", \"roles\": \"admin\"}"), 400, "roles");
        assertProblem(admin.post("/api/v1/users", "{\"name\": "), 400, "body");
        assertProblem(admin.put("/api/v1/users/nobody-" + suffix, "{\"disabled\": true}"), 404);
        assertProblem(admin.delete("/api/v1/tokens/no-such-token"), 404);
    }

    @Test
    void anExpiredTokenIs401SayingSo() throws Exception {
        String expired = new Identities(port).expiredToken();
        assertThat(assertProblem(PublicApi.at(port, expired).get("/api/v1/me"), 401)
                        .path("detail")
                        .asString())
                .contains("expired");
    }

    private static java.util.List<String> audited(String subject) throws SQLException {
        var lines = new java.util.ArrayList<String>();
        try (var db = TestDatabase.get().appConnection();
                var statement = db.prepareStatement(
                        "SELECT action, actor, reason FROM audit.audit_log WHERE subject = ? ORDER BY id")) {
            statement.setString(1, subject);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1) + " by " + rows.getString(2) + ": " + rows.getString(3));
                }
            }
        }
        return lines;
    }
}
