package dev.runway.slo.evaluation;

import dev.runway.testkit.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Some of the engine's own tables, made by its real migrations in a schema of the test's own, for tests of one
 * repository class without a Spring context.
 */
final class EngineSchemaFixture {
    private EngineSchemaFixture() {}

    /** Drops and recreates the schema, runs the named migrations in it, and returns a client whose tables are it. */
    static JdbcClient create(String schema, String... migrations) throws SQLException, IOException {
        TestDatabase db = TestDatabase.get();
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        DataSource dataSource = new DriverManagerDataSource(url, db.user(), db.password());
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            for (String migration : migrations) {
                try (InputStream sql = EngineSchemaFixture.class.getResourceAsStream("/db/migration/" + migration)) {
                    if (sql == null) {
                        throw new IllegalArgumentException("no migration " + migration);
                    }
                    s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return JdbcClient.create(dataSource);
    }
}
