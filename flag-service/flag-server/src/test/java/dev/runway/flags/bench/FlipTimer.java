package dev.runway.flags.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Times how long each client of a fleet takes to evaluate a flag to a new value, by asking every client's own
 * evaluation in turn (what application code would see), so SDKs of different products are timed the same way
 * without hooking into either. A sweep only asks the clients that have not flipped yet; between sweeps the
 * timer sleeps as long as the last sweep took (at least 2 ms), so it never takes more than about half a core
 * from the servers it measures. A sample can therefore be late by up to two sweeps: the report gives the
 * slowest sweep as the resolution.
 */
final class FlipTimer {
    private FlipTimer() {}

    /** One change: the samples (ns from just before the change to the flip), clients that never flipped. */
    record Round(long[] nanos, int missed, long slowestSweepNanos) {}

    /** An action that may throw, such as the HTTP call that makes the change. */
    interface Change {
        void run() throws Exception;
    }

    static Round time(List<? extends BooleanSupplier> clients, boolean expected, Change change, Duration timeout)
            throws Exception {
        int[] pending = new int[clients.size()];
        Arrays.setAll(pending, i -> i);
        long[] samples = new long[clients.size()];
        int flipped = 0;
        int remaining = pending.length;
        long slowest = 0;
        long start = System.nanoTime();
        change.run();
        long deadline = start + timeout.toNanos();
        while (remaining > 0 && System.nanoTime() < deadline) {
            long sweep = System.nanoTime();
            int kept = 0;
            for (int i = 0; i < remaining; i++) {
                int client = pending[i];
                if (clients.get(client).getAsBoolean() == expected) {
                    samples[flipped++] = System.nanoTime() - start;
                } else {
                    pending[kept++] = client;
                }
            }
            remaining = kept;
            long took = System.nanoTime() - sweep;
            slowest = Math.max(slowest, took);
            if (remaining > 0) {
                Thread.sleep(Math.max(2, took / 1_000_000));
            }
        }
        return new Round(Arrays.copyOf(samples, flipped), remaining, slowest);
    }
}
