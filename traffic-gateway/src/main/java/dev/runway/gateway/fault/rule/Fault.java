package dev.runway.gateway.fault.rule;

import java.time.Instant;

/**
 * A fault in force on one route until {@code expiresAt}: for the share {@code basisPoints} (0-10000) of the
 * matching requests, wait {@code delayMs} and then either forward the request or, when
 * {@code abortStatus} is set, answer that status without calling the upstream.
 *
 * <p>The expiry is checked on every request against the gateway's own clock, so a fault reverts on time
 * even when whoever installed it has died and nobody deletes it.
 *
 * @param experiment the chaos experiment that installed the fault, or null; it labels the requests the fault
 *     hits in the metrics store, so that the SLO engine can tell which experiment spent which error budget.
 *     Faults stored before the label existed read back with null.
 */
public record Fault(
        String id,
        String routeId,
        VersionScope version,
        int basisPoints,
        HeaderMatch header,
        long delayMs,
        Integer abortStatus,
        Instant createdAt,
        Instant expiresAt,
        String experiment) {

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
