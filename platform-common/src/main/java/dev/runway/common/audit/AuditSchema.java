package dev.runway.common.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the shared audit table. It is not a Flyway migration of any one service because every service
 * writes to it and any of them may start first; an advisory lock serialises concurrent first starts.
 */
public final class AuditSchema {
    private static final long LOCK_KEY = 0x52554e5741594155L; // "RUNWAYAU"

    private AuditSchema() {}

    /** Creates the table, its append-only triggers and revocations if the table is missing. */
    public static void ensure(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            try (var exists = statement.executeQuery("SELECT to_regclass('audit.audit_log') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    statement.execute(script());
                }
            }
            connection.commit();
        } catch (SQLException failure) {
            connection.rollback();
            throw failure;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Lets {@code role} append to and read the audit table, and nothing else. */
    public static void grantAppend(Connection connection, String role) throws SQLException {
        String quoted = "\"" + role.replace("\"", "\"\"") + "\"";
        try (Statement statement = connection.createStatement()) {
            statement.execute("GRANT USAGE ON SCHEMA audit TO " + quoted);
            statement.execute("GRANT SELECT, INSERT ON audit.audit_log TO " + quoted);
            statement.execute("GRANT USAGE ON SEQUENCE audit.audit_log_id_seq TO " + quoted);
        }
    }

    static String script() {
        try (InputStream in = AuditSchema.class.getResourceAsStream("/runway/audit-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("runway/audit-schema.sql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
