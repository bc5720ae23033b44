package dev.runway.slo.evaluation;

import dev.runway.slo.budget.SloStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The latest evaluation of every SLO, read by the status API and by the posture. Published whole once per
 * cycle, with each service's tightest SLO worked out then, so that a posture question costs a map lookup.
 */
@Component
public class SloStatusBoard {
    private record Snapshot(Map<String, SloStatus> bySlo, Map<String, SloStatus> tightestByService) {}

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
    private volatile boolean evaluated;

    /**
     * Replaces the board: {@code fresh} are this cycle's statuses; an SLO in {@code kept} that was not
     * evaluated this cycle (its source could not answer) keeps its last status; anything else is dropped.
     */
    synchronized void publish(Collection<SloStatus> fresh, Set<String> kept) {
        Map<String, SloStatus> bySlo = new HashMap<>();
        snapshot.bySlo().forEach((slo, status) -> {
            if (kept.contains(slo)) {
                bySlo.put(slo, status);
            }
        });
        fresh.forEach(status -> bySlo.put(status.slo(), status));
        Map<String, SloStatus> tightest = new HashMap<>();
        Comparator<SloStatus> byBudget =
                Comparator.comparingDouble(status -> status.budgetRemaining().getAsDouble());
        for (SloStatus status : bySlo.values()) {
            if (status.budgetRemaining().isPresent()) {
                tightest.merge(status.service(), status, (a, b) -> byBudget.compare(a, b) <= 0 ? a : b);
            }
        }
        snapshot = new Snapshot(Map.copyOf(bySlo), Map.copyOf(tightest));
        evaluated = true;
    }

    /** Whether a whole evaluation has been published since start-up; before it, no budget is known yet. */
    public boolean evaluated() {
        return evaluated;
    }

    public Optional<SloStatus> status(String slo) {
        return Optional.ofNullable(snapshot.bySlo().get(slo));
    }

    List<SloStatus> all() {
        return new ArrayList<>(snapshot.bySlo().values());
    }

    /**
     * The smallest budget remaining among the service's SLOs that have data: the service may take only as
     * much risk as its most exhausted promise allows.
     */
    public OptionalDouble budgetRemaining(String service) {
        return tightest(service).map(SloStatus::budgetRemaining).orElse(OptionalDouble.empty());
    }

    /** The SLO whose budget sets the posture, for the posture's reason. */
    public Optional<SloStatus> tightest(String service) {
        return Optional.ofNullable(snapshot.tightestByService().get(service));
    }

    /** Every service with an SLO that has data. */
    public Set<String> services() {
        return snapshot.tightestByService().keySet();
    }
}
