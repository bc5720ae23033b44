package dev.runway.gateway.fault.rule;

import dev.runway.gateway.route.table.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Picks the fault, if any, for one request: the first fault (oldest first) that is unexpired, covers the
 * version, matches the header, and whose draw falls inside its share. Each fault draws on its own, so two
 * faults of 50 % each hit about 75 % of the requests between them, the first one taking precedence.
 */
public final class FaultSelector {
    private FaultSelector() {}

    public static Optional<FaultAction> select(
            List<Fault> faults, Version version, Function<String, String> header, Instant now, IntSupplier draw) {
        for (Fault fault : faults) {
            if (!fault.activeAt(now) || !fault.version().covers(version)) {
                continue;
            }
            if (fault.header() != null
                    && !fault.header().matches(header.apply(fault.header().name()))) {
                continue;
            }
            if (draw.getAsInt() < fault.basisPoints()) {
                return Optional.of(new FaultAction(
                        fault.id(),
                        fault.experiment(),
                        fault.delayMs(),
                        fault.abortStatus() == null ? 0 : fault.abortStatus(),
                        fault.expiresAt()));
            }
        }
        return Optional.empty();
    }
}
