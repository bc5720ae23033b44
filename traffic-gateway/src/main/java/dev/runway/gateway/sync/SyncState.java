package dev.runway.gateway.sync;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Whether this replica follows the store live or serves its last good table (fail static), for the health
 * endpoint and for tests.
 */
@Component
public class SyncState {
    public enum Mode {
        STARTING,
        LIVE,
        STATIC
    }

    /** A consistent view of the state at one moment. */
    public record Snapshot(Mode mode, Instant since, Instant lastReload, String lastError, long notices) {}

    private final Clock clock;
    private volatile Snapshot snapshot;

    SyncState(Clock clock) {
        this.clock = clock;
        this.snapshot = new Snapshot(Mode.STARTING, clock.instant(), null, null, 0);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    synchronized void live() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        snapshot = new Snapshot(Mode.LIVE, s.mode() == Mode.LIVE ? s.since() : now, now, null, s.notices());
    }

    synchronized void reloaded(int notices) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(s.mode(), s.since(), clock.instant(), s.lastError(), s.notices() + notices);
    }

    synchronized void lost(String error) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(
                Mode.STATIC, s.mode() == Mode.STATIC ? s.since() : clock.instant(), s.lastReload(), error, s.notices());
    }
}
