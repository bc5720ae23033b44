package dev.runway.gateway.fault.rule;

import java.time.Instant;

/**
 * What to do to one request: wait, then forward it or answer {@code abortStatus} (0 = forward).
 *
 * @param experiment the fault's chaos experiment label, or null: the request is counted under it
 * @param expiresAt the fault's expiry, which tells the metrics when the fault's series can be forgotten
 */
public record FaultAction(String faultId, String experiment, long delayMs, int abortStatus, Instant expiresAt) {
    public boolean aborts() {
        return abortStatus > 0;
    }
}
