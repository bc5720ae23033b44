package dev.runway.gateway.route;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.gateway.route.table.Route;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Routes in PostgreSQL: the gateway's source of truth, read whole into the in-memory routing table. */
@Repository
class RouteStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;

    RouteStore(JdbcClient jdbc, AuditLog audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    List<Route> all() {
        return jdbc.sql("SELECT spec FROM routes ORDER BY id")
                .query((rs, row) -> json.readValue(rs.getString("spec"), Route.class))
                .list();
    }

    Optional<Route> find(String id) {
        return jdbc.sql("SELECT spec FROM routes WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> json.readValue(rs.getString("spec"), Route.class))
                .optional();
    }

    /** Creates or replaces a route, validated whole first so that nothing partial is ever stored. */
    @Transactional
    Route put(Route route, AuditContext context) {
        var violations = route.violations();
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        Optional<Route> before = find(route.id());
        jdbc.sql("""
                INSERT INTO routes (id, spec) VALUES (:id, CAST(:spec AS jsonb))
                ON CONFLICT (id) DO UPDATE SET spec = EXCLUDED.spec, version = routes.version + 1, updated_at = now()
                """)
                .param("id", route.id())
                .param("spec", json.writeValueAsString(route))
                .update();
        audit.record(
                context,
                before.isPresent() ? "route.replaced" : "route.created",
                "route/" + route.id(),
                before.orElse(null),
                route);
        return route;
    }

    @Transactional
    void delete(String id, AuditContext context) {
        Route before = find(id).orElseThrow(() -> ApiProblem.notFound("route", id));
        jdbc.sql("DELETE FROM routes WHERE id = :id").param("id", id).update();
        audit.record(context, "route.deleted", "route/" + id, before, null);
    }
}
