package dev.runway.rollouts.rollout;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes the reconcile loop early: a command (abort above all) is carried out at once instead of at the
 * next tick. Coalescing: many wakes before the loop runs cause one extra pass.
 */
@Component
class ReconcileSignal {
    private final Semaphore pending = new Semaphore(0);

    void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits until woken or {@code millis} have passed. */
    void await(long millis) throws InterruptedException {
        if (pending.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            pending.drainPermits();
        }
    }
}
