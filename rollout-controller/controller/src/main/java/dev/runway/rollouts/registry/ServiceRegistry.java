package dev.runway.rollouts.registry;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.rollouts.registry.RegisteredService.MetricsProvider;
import dev.runway.rollouts.registry.RegisteredService.TrafficRouter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class ServiceRegistry {
    private final JdbcClient jdbc;
    private final AuditLog audit;

    ServiceRegistry(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    RegisteredService register(RegisteredService.Register request, AuditContext context) {
        TrafficRouter router = request.trafficRouter() == null ? TrafficRouter.GATEWAY : request.trafficRouter();
        MetricsProvider metrics =
                request.metricsProvider() == null ? MetricsProvider.GATEWAY : request.metricsProvider();
        int inserted = jdbc.sql("""
                INSERT INTO services (name, team, deployment_driver, traffic_router, metrics_provider)
                VALUES (:name, :team, :driver, :router, :metrics)
                ON CONFLICT (name) DO NOTHING
                """)
                .param("name", request.name())
                .param("team", request.team())
                .param("driver", request.deploymentDriver().name())
                .param("router", router.name())
                .param("metrics", metrics.name())
                .update();
        if (inserted == 0) {
            throw ApiProblem.conflict("service-exists", "service '" + request.name() + "' is already registered");
        }
        RegisteredService created = find(request.name()).orElseThrow();
        audit.record(context, "service.registered", "service/" + created.name(), null, created);
        return created;
    }

    Optional<RegisteredService> find(String name) {
        return jdbc.sql("SELECT * FROM services WHERE name = :name")
                .param("name", name)
                .query(ServiceRegistry::row)
                .optional();
    }

    List<RegisteredService> list() {
        return jdbc.sql("SELECT * FROM services ORDER BY name")
                .query(ServiceRegistry::row)
                .list();
    }

    private static RegisteredService row(ResultSet rs, int row) throws SQLException {
        return new RegisteredService(
                rs.getString("name"),
                rs.getString("team"),
                RegisteredService.DeploymentDriver.valueOf(rs.getString("deployment_driver")),
                TrafficRouter.valueOf(rs.getString("traffic_router")),
                MetricsProvider.valueOf(rs.getString("metrics_provider")),
                rs.getTimestamp("created_at").toInstant());
    }
}
