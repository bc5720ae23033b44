package dev.runway.gateway.shadow;

import dev.runway.common.actor.AuditContext;
import dev.runway.gateway.shadow.diff.FieldDiff;
import dev.runway.gateway.shadow.diff.NoiseCancellation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The comparison summary of a shadowed route: which fields differ, how often, and whether it is noise. */
@RestController
class ShadowController {
    private final ShadowDiffStore store;

    ShadowController(ShadowDiffStore store) {
        this.store = store;
    }

    record FieldReport(
            String path,
            long differences,
            long noise,
            double differenceRate,
            Double noiseRate,
            NoiseCancellation.Verdict verdict,
            List<FieldDiff> samples) {}

    /**
     * @param regressions the paths judged {@code REGRESSION}: the short answer to "what did the candidate
     *     change?"
     */
    record DiffReport(
            String route,
            long comparisons,
            long noiseComparisons,
            long failures,
            long dropped,
            Instant since,
            List<String> regressions,
            List<FieldReport> fields) {}

    @GetMapping("/api/v1/routes/{route}/shadow/diffs")
    DiffReport diffs(@PathVariable String route) {
        var totals = store.totals(route).orElse(new ShadowDiffStore.Totals(0, 0, 0, 0, null));
        List<FieldReport> fields = store.fields(route).stream()
                .map(f -> new FieldReport(
                        f.path(),
                        f.differences(),
                        f.noise(),
                        totals.comparisons() == 0 ? 0 : (double) f.differences() / totals.comparisons(),
                        totals.noiseComparisons() == 0 ? null : (double) f.noise() / totals.noiseComparisons(),
                        NoiseCancellation.classify(
                                totals.comparisons(), totals.noiseComparisons(), f.differences(), f.noise()),
                        f.samples()))
                .filter(f -> f.differences() > 0 || f.noise() > 0)
                .sorted(Comparator.comparing(FieldReport::verdict)
                        .thenComparing(FieldReport::differences, Comparator.reverseOrder())
                        .thenComparing(FieldReport::path))
                .toList();
        List<String> regressions = fields.stream()
                .filter(f -> f.verdict() == NoiseCancellation.Verdict.REGRESSION)
                .map(FieldReport::path)
                .toList();
        return new DiffReport(
                route,
                totals.comparisons(),
                totals.noiseComparisons(),
                totals.failures(),
                totals.dropped(),
                totals.since(),
                regressions,
                fields);
    }

    @DeleteMapping("/api/v1/routes/{route}/shadow/diffs")
    ResponseEntity<Void> reset(@PathVariable String route, AuditContext context) {
        store.reset(route, context);
        return ResponseEntity.noContent().build();
    }
}
