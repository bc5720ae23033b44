package dev.runway.rollouts.registry;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import dev.runway.rollouts.analysis.AnalysisTemplate;
import dev.runway.rollouts.analysis.prometheus.PrometheusSource;
import dev.runway.rollouts.analysis.web.WebSource;
import dev.runway.rollouts.registry.RegisteredService.DeploymentDriver;
import dev.runway.rollouts.registry.RegisteredService.MetricsProvider;
import dev.runway.rollouts.registry.RegisteredService.TrafficRouter;
import dev.runway.rollouts.strategy.StepSpec;
import dev.runway.rollouts.strategy.StrategyParser;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The registered services; other features read it through {@link #find} and record promotions here. */
@Repository
public class ServiceRegistry {
    private static final TypeReference<List<StepSpec>> STEPS = new TypeReference<>() {};
    private static final TypeReference<List<Object>> RINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;

    ServiceRegistry(JdbcClient jdbc, AuditLog audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    @Transactional
    RegisteredService register(RegisteredService.Register request, AuditContext context) {
        TrafficRouter router = request.trafficRouter() == null ? TrafficRouter.GATEWAY : request.trafficRouter();
        MetricsProvider metrics =
                request.metricsProvider() == null ? MetricsProvider.GATEWAY : request.metricsProvider();
        List<FieldViolation> violations = violations(request);
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        int inserted = jdbc.sql("""
                INSERT INTO services (name, team, deployment_driver, traffic_router, metrics_provider,
                                      route_id, stable_version, stable_upstream, default_strategy, analysis, rings, metrics_source,
                                      prometheus_source)
                VALUES (:name, :team, :driver, :router, :metrics, :route, :stableVersion, :stableUpstream,
                        CAST(:strategy AS jsonb), CAST(:analysis AS jsonb), CAST(:rings AS jsonb),
                        CAST(:source AS jsonb), CAST(:prometheus AS jsonb))
                ON CONFLICT (name) DO NOTHING
                """)
                .param("name", request.name())
                .param("team", request.team())
                .param("driver", request.deploymentDriver().name())
                .param("router", router.name())
                .param("metrics", metrics.name())
                .param("route", request.routeId() == null ? request.name() : request.routeId())
                .param("stableVersion", request.stableVersion())
                .param("stableUpstream", request.stableUpstream())
                .param(
                        "strategy",
                        request.defaultStrategy() == null ? null : json.writeValueAsString(request.defaultStrategy()))
                .param("analysis", request.analysis() == null ? null : json.writeValueAsString(request.analysis()))
                .param("rings", request.rings() == null ? null : json.writeValueAsString(request.rings()))
                .param(
                        "source",
                        request.metricsSource() == null ? null : json.writeValueAsString(request.metricsSource()))
                .param(
                        "prometheus",
                        request.prometheus() == null ? null : json.writeValueAsString(request.prometheus()))
                .update();
        if (inserted == 0) {
            throw ApiProblem.conflict("service-exists", "service '" + request.name() + "' is already registered");
        }
        RegisteredService created = find(request.name()).orElseThrow();
        audit.record(context, "service.registered", "service/" + created.name(), null, created);
        return created;
    }

    private static List<FieldViolation> violations(RegisteredService.Register request) {
        List<FieldViolation> v = new ArrayList<>();
        if (request.deploymentDriver() == DeploymentDriver.STATIC && request.stableUpstream() == null) {
            v.add(new FieldViolation("stableUpstream", "is required for a STATIC service"));
        }
        if (request.stableUpstream() != null && !isHttpUrl(request.stableUpstream())) {
            v.add(new FieldViolation("stableUpstream", "must be an http(s) URL"));
        }
        if (request.routeId() != null && !request.routeId().matches("[a-z0-9][a-z0-9-]{0,62}")) {
            v.add(new FieldViolation("routeId", "must be 1-63 lowercase letters, digits or '-'"));
        }
        if (request.metricsProvider() == MetricsProvider.PROMETHEUS) {
            if (request.prometheus() == null) {
                v.add(new FieldViolation("prometheus", "is required for the PROMETHEUS metrics provider"));
            } else {
                v.addAll(request.prometheus().violations("prometheus"));
            }
        } else if (request.prometheus() != null) {
            v.add(new FieldViolation("prometheus", "is only read by the PROMETHEUS metrics provider"));
        }
        if (request.metricsProvider() == MetricsProvider.WEB) {
            if (request.metricsSource() == null) {
                v.add(new FieldViolation("metricsSource", "is required for the WEB metrics provider"));
            } else {
                v.addAll(request.metricsSource().violations("metricsSource"));
            }
        }
        if (request.defaultStrategy() != null) {
            v.addAll(StrategyParser.parse("custom", request.defaultStrategy(), "defaultStrategy")
                    .violations());
        }
        if (request.analysis() != null) {
            v.addAll(request.analysis().violations("analysis"));
            v.addAll(unfedThresholds(request));
        }
        return v;
    }

    /**
     * A threshold no provider feeds would leave the analysis INCONCLUSIVE forever: only the Prometheus
     * provider reads business metrics, one query per threshold.
     */
    private static List<FieldViolation> unfedThresholds(RegisteredService.Register request) {
        List<FieldViolation> v = new ArrayList<>();
        var thresholds = request.analysis().thresholds();
        for (int i = 0; i < thresholds.size(); i++) {
            var t = thresholds.get(i);
            if (t == null || t.metric() == null) {
                continue;
            }
            boolean fed = request.metricsProvider() == MetricsProvider.PROMETHEUS
                    && request.prometheus() != null
                    && request.prometheus().businessQueries().containsKey(t.metric());
            if (!fed) {
                v.add(new FieldViolation(
                        "analysis.thresholds[" + i + "].metric",
                        request.metricsProvider() == MetricsProvider.PROMETHEUS
                                ? "no prometheus.businessQueries entry feeds '" + t.metric() + "'"
                                : "business metrics are read by the PROMETHEUS metrics provider only"));
            }
        }
        return v;
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Optional<RegisteredService> find(String name) {
        return jdbc.sql("SELECT * FROM services WHERE name = :name")
                .param("name", name)
                .query(this::row)
                .optional();
    }

    List<RegisteredService> list() {
        return jdbc.sql("SELECT * FROM services ORDER BY name").query(this::row).list();
    }

    /** Records which version is stable now and where it answers; inside the transaction recording why. */
    public void setStable(String service, String version, String upstream) {
        jdbc.sql("UPDATE services SET stable_version = :version, stable_upstream = :upstream WHERE name = :name")
                .param("version", version)
                .param("upstream", upstream)
                .param("name", service)
                .update();
    }

    private RegisteredService row(ResultSet rs, int row) throws SQLException {
        String strategy = rs.getString("default_strategy");
        String analysis = rs.getString("analysis");
        String rings = rs.getString("rings");
        String source = rs.getString("metrics_source");
        String prometheus = rs.getString("prometheus_source");
        return new RegisteredService(
                rs.getString("name"),
                rs.getString("team"),
                DeploymentDriver.valueOf(rs.getString("deployment_driver")),
                TrafficRouter.valueOf(rs.getString("traffic_router")),
                MetricsProvider.valueOf(rs.getString("metrics_provider")),
                rs.getString("route_id"),
                rs.getString("stable_version"),
                rs.getString("stable_upstream"),
                strategy == null ? null : json.readValue(strategy, STEPS),
                analysis == null ? AnalysisTemplate.defaults() : json.readValue(analysis, AnalysisTemplate.class),
                rings == null ? List.of() : json.readValue(rings, RINGS),
                source == null ? null : json.readValue(source, WebSource.class),
                prometheus == null ? null : json.readValue(prometheus, PrometheusSource.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
