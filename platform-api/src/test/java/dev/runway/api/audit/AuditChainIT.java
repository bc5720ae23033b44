package dev.runway.api.audit;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.api.support.Identities;
import dev.runway.api.support.PublicApi;
import dev.runway.testkit.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit hash chain detects what the append-only triggers cannot stop: a superuser who switches the
 * triggers off and rewrites a row (here done with the embedded PostgreSQL's administrator connection).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.api.identity.bootstrap-admin-token=" + Identities.ADMIN_TOKEN)
class AuditChainIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    PublicApi admin;
    PublicApi viewer;

    @BeforeEach
    void given() {
        var ids = new Identities(port);
        admin = ids.admin();
        viewer = PublicApi.at(port, ids.token("viewer"));
    }

    @Test
    void aRowRewrittenBehindTheTriggersBacksIsReportedByVerifyAndTheChainHoldsAgainOnceRestored() throws Exception {
        // given an audited change and an intact chain
        String team = "audited-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("/api/v1/teams", "{\"name\": \"" + team + "\"}").status())
                .isEqualTo(201);
        assertThat(verify().path("intact").asBoolean()).as(verify().toString()).isTrue();
        long id = auditIdOf("team/" + team);

        // when a superuser rewrites the row's reason with the triggers off
        String original = rewriteReason(id, "nothing to see here");

        // then verify names the row
        JsonNode broken = verify();
        assertThat(broken.path("intact").asBoolean()).isFalse();
        assertThat(broken.path("firstBrokenAuditId").asLong()).isEqualTo(id);
        assertThat(broken.path("problem").asString()).contains("audit row " + id);

        // and once the row is as it was, the chain verifies again: the check is the recomputation itself
        rewriteReason(id, original);
        assertThat(verify().path("intact").asBoolean()).isTrue();
    }

    @Test
    void anAlteredChainEntryIsReportedToo() throws Exception {
        String team = "chained-" + UUID.randomUUID().toString().substring(0, 6);
        admin.post("/api/v1/teams", "{\"name\": \"" + team + "\"}");
        verify();
        long id = auditIdOf("team/" + team);
        String stored;
        try (var db = TestDatabase.get().appConnection();
                var read = db.createStatement()
                        .executeQuery("SELECT hash FROM platform.audit_chain WHERE audit_id = " + id)) {
            read.next();
            stored = read.getString(1);
            db.createStatement()
                    .executeUpdate(
                            "UPDATE platform.audit_chain SET hash = '" + "f".repeat(64) + "' WHERE audit_id = " + id);
        }
        try {
            assertThat(verify().path("firstBrokenAuditId").asLong()).isEqualTo(id);
        } finally {
            try (var db = TestDatabase.get().appConnection()) {
                db.createStatement()
                        .executeUpdate(
                                "UPDATE platform.audit_chain SET hash = '" + stored + "' WHERE audit_id = " + id);
            }
        }
        assertThat(verify().path("intact").asBoolean()).isTrue();
    }

    @Test
    void theAuditLogIsFilteredByActorSubjectAndTimeAndBadFiltersAreProblems() {
        String team = "filtered-" + UUID.randomUUID().toString().substring(0, 6);
        admin.send(
                "POST",
                "/api/v1/teams",
                "{\"name\": \"" + team + "\"}",
                java.util.Map.of("X-Runway-Reason", "new squad"));
        JsonNode entries = JSON.readTree(
                viewer.get("/api/v1/audit?actor=bootstrap-admin&subject=team/" + team + "&from=2020-01-01T00:00:00Z")
                        .body());
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("reason").asString()).isEqualTo("new squad");
        assertThat(entries.get(0).path("after").path("name").asString()).isEqualTo(team);
        assertThat(JSON.readTree(viewer.get("/api/v1/audit?subject=team/" + team + "&to=2020-01-01T00:00:00Z")
                        .body()))
                .isEmpty();
        assertProblem(viewer.get("/api/v1/audit?from=yesterday"), 400, "from");
        assertProblem(viewer.get("/api/v1/audit?limit=0"), 400, "limit");
    }

    private JsonNode verify() {
        var answer = viewer.get("/api/v1/audit/verify");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static long auditIdOf(String subject) throws SQLException {
        try (var db = TestDatabase.get().appConnection();
                var rows = db.createStatement()
                        .executeQuery("SELECT id FROM audit.audit_log WHERE subject = '" + subject + "'")) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    /** As the database administrator: triggers off, rewrite, triggers on. Returns the previous reason. */
    private static String rewriteReason(long id, String reason) throws SQLException {
        try (var db = TestDatabase.get().adminConnection()) {
            db.setAutoCommit(false);
            String previous;
            try (var read = db.createStatement().executeQuery("SELECT reason FROM audit.audit_log WHERE id = " + id)) {
                read.next();
                previous = read.getString(1);
            }
            try (var statement = db.createStatement()) {
                statement.execute("ALTER TABLE audit.audit_log DISABLE TRIGGER audit_log_no_update_delete");
                try (var update = db.prepareStatement("UPDATE audit.audit_log SET reason = ? WHERE id = ?")) {
                    update.setString(1, reason);
                    update.setLong(2, id);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
                statement.execute("ALTER TABLE audit.audit_log ENABLE TRIGGER audit_log_no_update_delete");
            }
            db.commit();
            return previous;
        }
    }
}
