package dev.runway.gateway.fault;

import dev.runway.gateway.fault.rule.Fault;
import dev.runway.gateway.fault.rule.FaultAction;
import dev.runway.gateway.fault.rule.FaultSelector;
import dev.runway.gateway.route.table.Version;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The faults in force, by route, read lock-free on every request and replaced whole on each change.
 *
 * <p>Expiry is checked here, per request, against this gateway's clock: a fault stops the instant it
 * expires whether or not anyone deletes it and whether or not PostgreSQL can be reached.
 */
@Component
public class FaultBook {
    private final FaultStore store;
    private final Clock clock;
    private final AtomicReference<Map<String, List<Fault>>> byRoute = new AtomicReference<>(Map.of());

    FaultBook(FaultStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The fault to apply to this request, if any. Called on the event loop: memory only. */
    public Optional<FaultAction> select(String routeId, Version version, Function<String, String> header) {
        List<Fault> faults = byRoute.get().get(routeId);
        if (faults == null) {
            return Optional.empty();
        }
        return FaultSelector.select(faults, version, header, clock.instant(), () -> ThreadLocalRandom.current()
                .nextInt(10_000));
    }

    /** Reads the unexpired faults from the store and swaps them in. */
    public synchronized int reload() {
        List<Fault> active = store.active(clock.instant());
        byRoute.set(Map.copyOf(active.stream()
                .collect(Collectors.groupingBy(
                        Fault::routeId, Collectors.collectingAndThen(Collectors.toList(), List::copyOf)))));
        return active.size();
    }
}
