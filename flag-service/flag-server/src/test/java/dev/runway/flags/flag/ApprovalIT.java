package dev.runway.flags.flag;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.FlagFixtures;
import dev.runway.testkit.ServiceClient;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Four-eyes approval for production (the seeded default), through the API, audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApprovalIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ServiceClient alice;
    ServiceClient bob;

    @BeforeEach
    void setUp() {
        alice = ServiceClient.at(port).as("alice");
        bob = ServiceClient.at(port).as("bob");
    }

    static String proposalId(ServiceClient.Response response) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return id.group(1);
    }

    private List<String> auditActions(String subject) {
        return jdbc.sql("SELECT action || ':' || actor FROM audit.audit_log WHERE subject = :subject ORDER BY id")
                .param("subject", subject)
                .query(String.class)
                .list();
    }

    @Test
    void aProductionChangeWaitsForASecondPersonAndIsAppliedOnApproval() {
        var proposed = alice.post("/api/v1/flags", FlagFixtures.checkout("approval-applied"));
        assertThat(proposed.status()).isEqualTo(202);
        assertThat(proposed.body()).contains("\"status\":\"PENDING\"").contains("\"environments\":[\"production\"]");
        assertThat(alice.get("/api/v1/flags/approval-applied").status())
                .as("nothing is live before approval")
                .isEqualTo(404);
        String id = proposalId(proposed);
        assertThat(alice.get("/api/v1/approvals?status=pending").body()).contains("\"id\":" + id);

        var approved = bob.post("/api/v1/approvals/" + id + "/approve", "");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body()).contains("\"version\":1");
        assertThat(alice.get("/api/v1/approvals/" + id).body())
                .contains("\"status\":\"APPROVED\"")
                .contains("\"decidedBy\":\"bob\"");
        assertThat(auditActions("flag/approval-applied"))
                .containsExactly("flag.change-proposed:alice", "flag.created:bob");
        assertThat(auditActions("proposal/" + id)).containsExactly("flag.change-approved:bob");
    }

    @Test
    void selfApprovalIsRefused() {
        String id = proposalId(alice.post("/api/v1/flags", FlagFixtures.checkout("approval-self")));
        assertProblem(alice.post("/api/v1/approvals/" + id + "/approve", ""), 403);
        assertThat(alice.get("/api/v1/approvals/" + id).body()).contains("\"status\":\"PENDING\"");
        assertThat(alice.get("/api/v1/flags/approval-self").status()).isEqualTo(404);
    }

    @Test
    void aRefusedChangeIsNeverAppliedAndCannotBeApprovedLater() {
        String id = proposalId(alice.post("/api/v1/flags", FlagFixtures.checkout("approval-refused")));
        var rejected = bob.post("/api/v1/approvals/" + id + "/reject", "");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.body()).contains("\"status\":\"REJECTED\"");
        assertProblem(bob.post("/api/v1/approvals/" + id + "/approve", ""), 409);
        assertThat(alice.get("/api/v1/flags/approval-refused").status()).isEqualTo(404);
        assertThat(auditActions("proposal/" + id)).containsExactly("flag.change-rejected:bob");
    }

    @Test
    void restoringAnOldProductionVersionNeedsApprovalToo() {
        FlagFixtures.create(alice, FlagFixtures.checkout("approval-restore"));
        alice.post("/api/v1/flags/approval-restore/kill", "");
        var proposed = alice.post("/api/v1/flags/approval-restore/versions/1/restore", "");
        assertThat(proposed.status()).isEqualTo(202);
        assertThat(alice.get("/api/v1/flags/approval-restore").body()).contains("KILLED");
        var approved = bob.post("/api/v1/approvals/" + proposalId(proposed) + "/approve", "");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body()).contains("\"version\":3").doesNotContain("KILLED");
        assertThat(auditActions("flag/approval-restore")).contains("flag.restored:bob");
    }

    @Test
    void aKillAndStagingChangesNeverWait() {
        FlagFixtures.create(alice, FlagFixtures.checkout("approval-exempt"));
        assertThat(alice.post("/api/v1/flags/approval-exempt/kill", "").status())
                .isEqualTo(200);
        assertThat(alice.put("/api/v1/flags/approval-exempt/environments/staging/state", "{\"state\": \"OFF\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aProposalMadeAgainstAnOlderVersionCannotBeApproved() {
        FlagFixtures.create(alice, FlagFixtures.checkout("approval-outdated"));
        var proposed =
                alice.put("/api/v1/flags/approval-outdated/environments/production/state", "{\"state\": \"OFF\"}");
        assertThat(proposed.status()).isEqualTo(202);
        alice.post("/api/v1/flags/approval-outdated/kill", "");
        assertProblem(bob.post("/api/v1/approvals/" + proposalId(proposed) + "/approve", ""), 409);
    }
}
