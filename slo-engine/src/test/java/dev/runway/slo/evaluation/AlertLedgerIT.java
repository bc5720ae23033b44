package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.slo.budget.AlertDecision;
import dev.runway.slo.budget.AlertTransition;
import dev.runway.slo.budget.BurnRateAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A cycle's transitions recorded together, against the real alerts table and its partial unique index. */
class AlertLedgerIT {
    JdbcClient jdbc;
    AlertLedger ledger;

    @BeforeEach
    void alertsTable() throws Exception {
        jdbc = EngineSchemaFixture.create("ledger_it", "V3__alerts.sql");
        ledger = new AlertLedger(jdbc);
    }

    @Test
    void manyOpeningsAreRecordedTogetherAndOneAnotherReplicaOpenedIsSkippedWithoutFailingTheRest() {
        // another replica opened checkout's page a moment ago
        assertThat(ledger.record("checkout", "shop", firing("page-1h-5m"), AlertTransition.OPEN))
                .isTrue();
        List<AlertLedger.Change> changes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            changes.add(new AlertLedger.Change("slo-" + i, "svc", firing("page-1h-5m"), AlertTransition.OPEN));
        }
        changes.add(new AlertLedger.Change("checkout", "shop", firing("page-1h-5m"), AlertTransition.OPEN));

        List<AlertLedger.Change> done = ledger.recordAll(changes);

        assertThat(done)
                .hasSize(500)
                .doesNotContain(changes.getLast())
                .containsExactlyElementsOf(changes.subList(0, 500));
        assertThat(jdbc.sql("SELECT count(*) FROM alerts WHERE state = 'FIRING'")
                        .query(Long.class)
                        .single())
                .isEqualTo(501);
        assertThat(ledger.firing().get("slo-7")).containsExactly("page-1h-5m");
    }

    @Test
    void resolvingTogetherChangesOnlyWhatStillFiresAndSaysWhich() {
        ledger.recordAll(List.of(
                new AlertLedger.Change("a", "svc", firing("page-1h-5m"), AlertTransition.OPEN),
                new AlertLedger.Change("b", "svc", firing("ticket-3d-6h"), AlertTransition.OPEN)));
        var resolveA = new AlertLedger.Change("a", "svc", resolved("page-1h-5m"), AlertTransition.RESOLVE);
        var resolveB = new AlertLedger.Change("b", "svc", resolved("ticket-3d-6h"), AlertTransition.RESOLVE);
        var openC = new AlertLedger.Change("c", "svc", firing("page-1h-5m"), AlertTransition.OPEN);
        // a replica resolved b already
        ledger.record("b", "svc", resolved("ticket-3d-6h"), AlertTransition.RESOLVE);

        assertThat(ledger.recordAll(List.of(resolveA, resolveB, openC))).containsExactly(resolveA, openC);
        assertThat(ledger.firing()).containsOnlyKeys("c");
        assertThat(jdbc.sql("SELECT resolve_reason FROM alerts WHERE slo = 'a'")
                        .query(String.class)
                        .single())
                .isEqualTo("recovered");
    }

    private static AlertDecision firing(String label) {
        return new AlertDecision(
                alert(label),
                AlertDecision.State.FIRING,
                OptionalDouble.of(20),
                OptionalDouble.of(20),
                1000,
                "burning");
    }

    private static AlertDecision resolved(String label) {
        return new AlertDecision(
                alert(label), AlertDecision.State.OK, OptionalDouble.of(0), OptionalDouble.of(0), 1000, "recovered");
    }

    private static BurnRateAlert alert(String label) {
        return BurnRateAlert.standardFor(Duration.ofDays(30)).stream()
                .filter(a -> a.label().equals(label))
                .findFirst()
                .orElseThrow();
    }
}
