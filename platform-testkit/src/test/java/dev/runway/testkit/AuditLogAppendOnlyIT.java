package dev.runway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.common.actor.Actor;
import dev.runway.common.actor.ActorKind;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/** The audit table keeps history: the services' role may append and read, never rewrite or erase. */
class AuditLogAppendOnlyIT {
    static long recordId;

    @BeforeAll
    static void appendOneRecordAsTheServicesRole() throws SQLException {
        try (Connection app = TestDatabase.get().appConnection()) {
            var jdbc = JdbcClient.create(new SingleConnectionDataSource(app, true));
            new AuditLog(jdbc, JsonMapper.builder().build(), "testkit")
                    .record(
                            new AuditContext(new Actor("alice", ActorKind.USER), "rollback drill"),
                            "route.weight-set",
                            "route/checkout",
                            Map.of("weight", 500),
                            Map.of("weight", 0));
            recordId = jdbc.sql("SELECT max(id) FROM audit.audit_log WHERE service = 'testkit'")
                    .query(Long.class)
                    .single();
        }
    }

    @Test
    void theServicesRoleCanReadWhatItAppended() throws SQLException {
        try (Connection app = TestDatabase.get().appConnection();
                var rows = app.createStatement()
                        .executeQuery("SELECT actor, reason, before->>'weight' AS before, after->>'weight' AS after"
                                + " FROM audit.audit_log WHERE id = " + recordId)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("actor")).isEqualTo("alice");
            assertThat(rows.getString("reason")).isEqualTo("rollback drill");
            assertThat(rows.getString("before")).isEqualTo("500");
            assertThat(rows.getString("after")).isEqualTo("0");
        }
    }

    @Test
    void theServicesRoleCannotUpdateAnAuditRecord() {
        assertRefused(
                TestDatabase.get()::appConnection,
                "UPDATE audit.audit_log SET actor = 'mallory' WHERE id = " + recordId);
    }

    @Test
    void theServicesRoleCannotDeleteAnAuditRecord() {
        assertRefused(TestDatabase.get()::appConnection, "DELETE FROM audit.audit_log WHERE id = " + recordId);
    }

    @Test
    void theServicesRoleCannotTruncateTheAuditTable() {
        assertRefused(TestDatabase.get()::appConnection, "TRUNCATE audit.audit_log");
    }

    @Test
    void evenTheOwnerCannotRewriteHistoryWithoutFirstDisablingTheTrigger() {
        assertRefused(TestDatabase.get()::adminConnection, "UPDATE audit.audit_log SET reason = 'nothing happened'");
        assertRefused(TestDatabase.get()::adminConnection, "DELETE FROM audit.audit_log");
    }

    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private static void assertRefused(ConnectionSource source, String sql) {
        assertThatThrownBy(() -> {
                    try (Connection connection = source.open()) {
                        connection.createStatement().execute(sql);
                    }
                })
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        try (Connection check = TestDatabase.get().appConnection();
                var rows = check.createStatement()
                        .executeQuery("SELECT actor FROM audit.audit_log WHERE id = " + recordId)) {
            assertThat(rows.next()).as("record still there after: " + sql).isTrue();
            assertThat(rows.getString(1)).isEqualTo("alice");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
