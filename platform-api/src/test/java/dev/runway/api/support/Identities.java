package dev.runway.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.api.identity.TokenStore;
import dev.runway.testkit.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** Creates teams, users and tokens through the public API as the bootstrap admin. */
public final class Identities {
    public static final String ADMIN_TOKEN = "test-bootstrap-admin-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PublicApi admin;

    public Identities(int port) {
        this.admin = PublicApi.at(port, ADMIN_TOKEN);
    }

    public PublicApi admin() {
        return admin;
    }

    /** Creates the team unless it exists. */
    public void team(String name) {
        var answer = admin.post("/api/v1/teams", "{\"name\": \"" + name + "\"}");
        assertThat(answer.status()).as(answer.body()).isIn(201, 409);
    }

    /** A new token's secret; names are made unique because test classes share one database. */
    public String token(String role, String... teams) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String teamList = teams.length == 0 ? "[]" : "[\"" + String.join("\", \"", teams) + "\"]";
        var answer = admin.post(
                "/api/v1/tokens",
                "{\"name\": \"" + name + "\", \"roles\": [\"" + role + "\"], \"teams\": " + teamList + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("token").asString();
    }

    /** A token that expired a minute ago (set in the database: the API refuses to issue one in the past). */
    public String expiredToken() throws SQLException {
        String secret = token("admin");
        try (var db = TestDatabase.get().appConnection();
                var update = db.prepareStatement(
                        "UPDATE platform.api_tokens SET expires_at = now() - interval '1 minute' WHERE secret_hash = ?")) {
            update.setString(1, TokenStore.hash(secret));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        return secret;
    }

    public String revokedToken() {
        String name = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        var created = admin.post("/api/v1/tokens", "{\"name\": \"" + name + "\", \"roles\": [\"admin\"]}");
        var body = JSON.readTree(created.body());
        var revoked = admin.delete("/api/v1/tokens/" + body.path("id").asString());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        return body.path("token").asString();
    }

    public void user(String name, String password, String role, String... teams) {
        String teamList = teams.length == 0 ? "[]" : "[\"" + String.join("\", \"", teams) + "\"]";
        var answer = admin.post(
                "/api/v1/users",
                "{\"name\": \"%s\", \"password\": \"%s\", \"roles\": [\"%s\"], \"teams\": %s}"
                        .formatted(name, password, role, teamList));
        assertThat(answer.status()).as(answer.body()).isIn(201, 409);
    }
}
