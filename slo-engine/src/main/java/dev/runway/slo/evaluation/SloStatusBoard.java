package dev.runway.slo.evaluation;

import dev.runway.slo.budget.SloStatus;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The latest evaluation of every SLO, read by the status API and by the posture. */
@Component
public class SloStatusBoard {
    private final ConcurrentHashMap<String, SloStatus> latest = new ConcurrentHashMap<>();

    void put(SloStatus status) {
        latest.put(status.slo(), status);
    }

    void forget(String slo) {
        latest.remove(slo);
    }

    public Optional<SloStatus> status(String slo) {
        return Optional.ofNullable(latest.get(slo));
    }

    Collection<SloStatus> all() {
        return latest.values();
    }

    /**
     * The smallest budget remaining among the service's SLOs that have data: the service may take only as
     * much risk as its most exhausted promise allows.
     */
    public OptionalDouble budgetRemaining(String service) {
        return latest.values().stream()
                .filter(status -> status.service().equals(service))
                .map(SloStatus::budgetRemaining)
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .min();
    }

    /** The SLO whose budget sets the posture, for the posture's reason. */
    public Optional<SloStatus> tightest(String service) {
        return latest.values().stream()
                .filter(status -> status.service().equals(service)
                        && status.budgetRemaining().isPresent())
                .min(java.util.Comparator.comparingDouble(
                        status -> status.budgetRemaining().getAsDouble()));
    }
}
