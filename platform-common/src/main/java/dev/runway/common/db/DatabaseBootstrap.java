package dev.runway.common.db;

import dev.runway.common.audit.AuditSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prepares a PostgreSQL server for the platform as an administrator: the services' own login role, the
 * platform database owned by it, and the audit table owned by the administrator so that the services can
 * append to it but never rewrite it. Used by the local runner and by the test support.
 */
public final class DatabaseBootstrap {
    private DatabaseBootstrap() {}

    /**
     * @param adminUrl a JDBC URL of any database on the server (usually {@code postgres}) for an admin login
     * @param database the platform's database to create if missing
     * @param role the services' login role to create if missing
     */
    public static void prepare(
            String adminUrl, String adminUser, String adminPassword, String database, String role, String rolePassword)
            throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement statement = admin.createStatement()) {
            try (var rs = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + literal(role))) {
                if (!rs.next()) {
                    statement.execute("CREATE ROLE " + ident(role) + " LOGIN PASSWORD " + literal(rolePassword));
                }
            }
            try (var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = " + literal(database))) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE " + ident(database) + " OWNER " + ident(role));
                }
            }
        }
        String databaseUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        try (Connection admin = DriverManager.getConnection(databaseUrl, adminUser, adminPassword)) {
            AuditSchema.ensure(admin);
            AuditSchema.grantAppend(admin, role);
        }
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
