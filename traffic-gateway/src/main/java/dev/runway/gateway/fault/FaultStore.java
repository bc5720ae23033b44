package dev.runway.gateway.fault;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.gateway.fault.rule.Fault;
import dev.runway.gateway.route.TrafficChanges;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Faults in PostgreSQL; every change is audited and announced in its own transaction. */
@Repository
class FaultStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;

    FaultStore(JdbcClient jdbc, AuditLog audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    /** Unexpired faults, oldest first: the order in which the selector tries them. */
    List<Fault> active(Instant now) {
        return jdbc.sql("SELECT spec FROM faults WHERE expires_at > :now ORDER BY created_at, id")
                .param("now", Timestamp.from(now))
                .query((rs, row) -> json.readValue(rs.getString("spec"), Fault.class))
                .list();
    }

    List<Fault> forRoute(String routeId, Instant now) {
        return active(now).stream().filter(f -> f.routeId().equals(routeId)).toList();
    }

    Optional<Fault> find(String id) {
        return jdbc.sql("SELECT spec FROM faults WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> json.readValue(rs.getString("spec"), Fault.class))
                .optional();
    }

    @Transactional
    Fault add(Fault fault, AuditContext context) {
        boolean routeExists = jdbc.sql("SELECT 1 FROM routes WHERE id = :id FOR SHARE")
                .param("id", fault.routeId())
                .query((rs, row) -> 1)
                .optional()
                .isPresent();
        if (!routeExists) {
            throw ApiProblem.notFound("route", fault.routeId());
        }
        jdbc.sql("""
                INSERT INTO faults (id, route_id, spec, created_at, expires_at)
                VALUES (:id, :route, CAST(:spec AS jsonb), :created, :expires)
                """)
                .param("id", fault.id())
                .param("route", fault.routeId())
                .param("spec", json.writeValueAsString(fault))
                .param("created", Timestamp.from(fault.createdAt()))
                .param("expires", Timestamp.from(fault.expiresAt()))
                .update();
        audit.record(context, "fault.injected", subject(fault), null, fault);
        TrafficChanges.publish(jdbc, TrafficChanges.FAULTS);
        return fault;
    }

    @Transactional
    void delete(String id, AuditContext context) {
        Fault before = find(id).orElseThrow(() -> ApiProblem.notFound("fault", id));
        jdbc.sql("DELETE FROM faults WHERE id = :id").param("id", id).update();
        audit.record(context, "fault.removed", subject(before), before, null);
        TrafficChanges.publish(jdbc, TrafficChanges.FAULTS);
    }

    /** Removes every fault (chaos halt-all); returns how many there were. */
    @Transactional
    int deleteAll(AuditContext context) {
        List<Fault> all = jdbc.sql("SELECT spec FROM faults ORDER BY created_at FOR UPDATE")
                .query((rs, row) -> json.readValue(rs.getString("spec"), Fault.class))
                .list();
        jdbc.sql("DELETE FROM faults").update();
        for (Fault fault : all) {
            audit.record(context, "fault.removed", subject(fault), fault, null);
        }
        TrafficChanges.publish(jdbc, TrafficChanges.FAULTS);
        return all.size();
    }

    /**
     * Deletes faults that expired: housekeeping only, since the gateway stopped applying them at their
     * expiry already. Audited as the gateway itself so that the record shows when each one ended.
     */
    @Transactional
    int purgeExpired(Instant now, AuditContext context) {
        List<Fault> expired = jdbc.sql("DELETE FROM faults WHERE expires_at <= :now RETURNING spec")
                .param("now", Timestamp.from(now))
                .query((rs, row) -> json.readValue(rs.getString("spec"), Fault.class))
                .list();
        for (Fault fault : expired) {
            audit.record(context, "fault.expired", subject(fault), fault, null);
        }
        if (!expired.isEmpty()) {
            TrafficChanges.publish(jdbc, TrafficChanges.FAULTS);
        }
        return expired.size();
    }

    private static String subject(Fault fault) {
        return "route/" + fault.routeId() + "/fault/" + fault.id();
    }
}
