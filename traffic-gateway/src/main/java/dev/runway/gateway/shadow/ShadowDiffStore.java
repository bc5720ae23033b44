package dev.runway.gateway.shadow;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.gateway.shadow.diff.DiffTally;
import dev.runway.gateway.shadow.diff.FieldDiff;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Comparison summaries per route; every replica adds its tallies into the same rows. */
@Repository
class ShadowDiffStore {
    private static final TypeReference<List<FieldDiff>> SAMPLES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;

    ShadowDiffStore(JdbcClient jdbc, JsonMapper json, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    record Totals(long comparisons, long noiseComparisons, long failures, long dropped, Instant since) {}

    record Field(String path, long differences, long noise, List<FieldDiff> samples) {}

    @Transactional
    void add(String route, DiffTally.Delta delta, long dropped) {
        jdbc.sql("""
                INSERT INTO shadow_totals AS t (route, comparisons, noise_comparisons, failures, dropped)
                VALUES (:route, :comparisons, :noise, :failures, :dropped)
                ON CONFLICT (route) DO UPDATE SET
                    comparisons = t.comparisons + EXCLUDED.comparisons,
                    noise_comparisons = t.noise_comparisons + EXCLUDED.noise_comparisons,
                    failures = t.failures + EXCLUDED.failures,
                    dropped = t.dropped + EXCLUDED.dropped,
                    updated_at = now()
                """)
                .param("route", route)
                .param("comparisons", delta.comparisons())
                .param("noise", delta.noiseComparisons())
                .param("failures", delta.failures())
                .param("dropped", dropped)
                .update();
        for (DiffTally.PathDelta path : delta.paths()) {
            // Samples: keep the first few ever seen for the path, across replicas.
            jdbc.sql("""
                    INSERT INTO shadow_fields AS f (route, path, differences, noise, samples)
                    VALUES (:route, :path, :differences, :noise, CAST(:samples AS jsonb))
                    ON CONFLICT (route, path) DO UPDATE SET
                        differences = f.differences + EXCLUDED.differences,
                        noise = f.noise + EXCLUDED.noise,
                        samples = CASE WHEN jsonb_array_length(f.samples) >= :max THEN f.samples
                                       ELSE (SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM (
                                               SELECT e FROM jsonb_array_elements(f.samples || EXCLUDED.samples)
                                                   WITH ORDINALITY AS s(e, i)
                                               ORDER BY i LIMIT :max) kept)
                                  END
                    """)
                    .param("route", route)
                    .param("path", path.path())
                    .param("differences", path.differences())
                    .param("noise", path.noise())
                    .param("samples", json.writeValueAsString(path.samples()))
                    .param("max", DiffTally.MAX_SAMPLES)
                    .update();
        }
    }

    Optional<Totals> totals(String route) {
        return jdbc.sql("""
                SELECT comparisons, noise_comparisons, failures, dropped, since FROM shadow_totals WHERE route = :route
                """)
                .param("route", route)
                .query((rs, row) -> new Totals(
                        rs.getLong("comparisons"),
                        rs.getLong("noise_comparisons"),
                        rs.getLong("failures"),
                        rs.getLong("dropped"),
                        rs.getTimestamp("since").toInstant()))
                .optional();
    }

    List<Field> fields(String route) {
        return jdbc.sql("SELECT path, differences, noise, samples FROM shadow_fields WHERE route = :route")
                .param("route", route)
                .query((rs, row) -> new Field(
                        rs.getString("path"),
                        rs.getLong("differences"),
                        rs.getLong("noise"),
                        json.readValue(rs.getString("samples"), SAMPLES)))
                .list();
    }

    @Transactional
    void reset(String route, AuditContext context) {
        Optional<Totals> before = totals(route);
        jdbc.sql("DELETE FROM shadow_fields WHERE route = :route")
                .param("route", route)
                .update();
        jdbc.sql("DELETE FROM shadow_totals WHERE route = :route")
                .param("route", route)
                .update();
        audit.record(context, "shadow.diffs-reset", "route/" + route + "/shadow", before.orElse(null), null);
    }
}
