package dev.runway.gateway.route;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.gateway.route.table.Route;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes in PostgreSQL: the gateway's source of truth, read into the in-memory routing table. Every change
 * is validated whole before anything is written, audited and announced on the change stream in the same
 * transaction, so nothing partial is ever stored and no replica hears of a change that did not commit.
 */
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

    /** A stored route and its version, which every write raises by one (the admin API's ETag). */
    record Versioned(Route route, long version) {}

    Optional<Versioned> findVersioned(String id) {
        return jdbc.sql("SELECT spec, version FROM routes WHERE id = :id")
                .param("id", id)
                .query((rs, row) ->
                        new Versioned(json.readValue(rs.getString("spec"), Route.class), rs.getLong("version")))
                .optional();
    }

    /** Creates or replaces a route. */
    @Transactional
    Route put(Route route, AuditContext context) {
        return put(route, null, context);
    }

    /**
     * Creates or replaces a route; with {@code expectedVersion} only if the stored route is still that version
     * (412 otherwise), so that a read-modify-write by one client cannot silently undo another's change.
     */
    @Transactional
    Route put(Route route, Long expectedVersion, AuditContext context) {
        requireValid(route);
        if (expectedVersion != null) {
            Long stored = jdbc.sql("SELECT version FROM routes WHERE id = :id FOR UPDATE")
                    .param("id", route.id())
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (!expectedVersion.equals(stored)) {
                throw new ApiProblem(
                        412,
                        "route-changed",
                        "Precondition Failed",
                        "route '" + route.id() + "' is at version " + (stored == null ? "none (deleted)" : stored)
                                + ", not " + expectedVersion + ": read it again and reapply the change",
                        List.of());
            }
        }
        Optional<Route> before = lock(route.id());
        requireFreePrefix(route);
        write(route);
        audit.record(
                context,
                before.isPresent() ? "route.replaced" : "route.created",
                "route/" + route.id(),
                before.orElse(null),
                route);
        TrafficChanges.publish(jdbc, TrafficChanges.ROUTE_PREFIX + route.id());
        return route;
    }

    /**
     * Changes one part of a stored route atomically: the row is locked, the change applied to what is stored
     * now (not to what the caller read earlier), and the whole result validated before it is written.
     */
    @Transactional
    Route change(String id, String action, UnaryOperator<Route> change, AuditContext context) {
        Route before = lock(id).orElseThrow(() -> ApiProblem.notFound("route", id));
        Route after = change.apply(before);
        requireValid(after);
        if (!after.equals(before)) {
            write(after);
            TrafficChanges.publish(jdbc, TrafficChanges.ROUTE_PREFIX + id);
        }
        audit.record(context, action, "route/" + id, before, after);
        return after;
    }

    @Transactional
    void delete(String id, AuditContext context) {
        Route before = lock(id).orElseThrow(() -> ApiProblem.notFound("route", id));
        jdbc.sql("DELETE FROM routes WHERE id = :id").param("id", id).update();
        audit.record(context, "route.deleted", "route/" + id, before, null);
        TrafficChanges.publish(jdbc, TrafficChanges.ROUTE_PREFIX + id);
        TrafficChanges.publish(jdbc, TrafficChanges.FAULTS);
    }

    private Optional<Route> lock(String id) {
        return jdbc.sql("SELECT spec FROM routes WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, row) -> json.readValue(rs.getString("spec"), Route.class))
                .optional();
    }

    private void write(Route route) {
        jdbc.sql("""
                INSERT INTO routes (id, spec) VALUES (:id, CAST(:spec AS jsonb))
                ON CONFLICT (id) DO UPDATE SET spec = EXCLUDED.spec, version = routes.version + 1, updated_at = now()
                """)
                .param("id", route.id())
                .param("spec", json.writeValueAsString(route))
                .update();
    }

    private static void requireValid(Route route) {
        var violations = route.violations();
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
    }

    /** Two routes on one host and prefix would make the table pick one silently: refuse the second. */
    private void requireFreePrefix(Route route) {
        String prefix = normalise(route.pathPrefix());
        List<String> holders = jdbc.sql("""
                SELECT id FROM routes
                WHERE id <> :id AND rtrim(spec->>'pathPrefix', '/') = :prefix
                  AND coalesce(spec->>'host', '') = :host
                """)
                .param("id", route.id())
                .param("prefix", prefix)
                .param("host", Objects.requireNonNullElse(route.host(), ""))
                .query(String.class)
                .list();
        if (!holders.isEmpty()) {
            throw ApiProblem.conflict(
                    "prefix-taken",
                    "route '" + holders.getFirst() + "' already serves " + route.pathPrefix()
                            + (route.host() == null ? "" : " on " + route.host()));
        }
    }

    private static String normalise(String prefix) {
        String trimmed = prefix;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
