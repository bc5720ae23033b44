package dev.runway.gateway.fault.rule;

/** What to do to one request: wait, then forward it or answer {@code abortStatus} (0 = forward). */
public record FaultAction(String faultId, long delayMs, int abortStatus) {
    public boolean aborts() {
        return abortStatus > 0;
    }
}
