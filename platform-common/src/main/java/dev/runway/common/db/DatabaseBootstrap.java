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

    /**
     * Makes a freshly initialised local server check passwords. Embedded binaries are initialised to trust
     * every login, which would let a wrong {@code PLATFORM_DB_PASSWORD} through unnoticed. Afterwards only
     * the administrator, and only over loopback, is trusted (the embedded server's own readiness check logs
     * in that way); every other role must present its password.
     */
    public static void requirePasswords(String adminUrl, String adminUser, String adminPassword) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement statement = admin.createStatement()) {
            String hbaFile;
            try (var rs = statement.executeQuery("SHOW hba_file")) {
                rs.next();
                hbaFile = rs.getString(1);
            }
            java.util.List<String> rules = java.util.List.of(
                    "# Written by Runway's database bootstrap: administrator trusted on loopback only,",
                    "# every other role authenticates with its password.",
                    "local all " + adminUser + " trust",
                    "host all " + adminUser + " 127.0.0.1/32 trust",
                    "host all " + adminUser + " ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256");
            String rows = String.join(
                    ",", rules.stream().map(DatabaseBootstrap::literal).toList());
            // One row per line; the server writes the file itself, as the owner of its data folder.
            statement.execute("COPY (SELECT unnest(ARRAY[" + rows + "])) TO " + literal(hbaFile));
            try (var rs = statement.executeQuery("SELECT pg_reload_conf()")) {
                rs.next();
            }
        }
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
