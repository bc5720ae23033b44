package dev.runway.api.team;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TeamApiIT {
    @LocalServerPort
    int port;

    @Test
    void aTeamIsCreatedAuditedWithItsActorAndReadBack() throws SQLException {
        var api = ServiceClient.at(port).as("alice");
        assertThat(api.post("/api/v1/teams", "{\"name\": \"checkout\", \"displayName\": \"Checkout\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/teams/checkout").body()).contains("\"displayName\":\"Checkout\"");
        try (var db = TestDatabase.get().appConnection();
                var rows = db.createStatement()
                        .executeQuery("SELECT actor, action FROM audit.audit_log WHERE subject = 'team/checkout'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("actor")).isEqualTo("alice");
            assertThat(rows.getString("action")).isEqualTo("team.created");
        }
    }

    @Test
    void aDuplicateTeamIsAConflictAndAnInvalidNameIsRefused() {
        var api = ServiceClient.at(port);
        api.post("/api/v1/teams", "{\"name\": \"search\"}");
        assertProblem(api.post("/api/v1/teams", "{\"name\": \"search\"}"), 409);
        assertProblem(api.post("/api/v1/teams", "{\"name\": \"Not A Slug!\"}"), 400, "name");
        assertProblem(api.get("/api/v1/teams/nobody"), 404);
    }
}
