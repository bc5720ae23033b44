package dev.runway.gateway.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for integration tests that wait on asynchronous effects (flushes, notifications). */
public final class Eventually {
    private Eventually() {}

    /** Polls until the condition holds; returns the time it took, or fails after {@code timeout}. */
    public static Duration within(Duration timeout, BooleanSupplier condition, Supplier<String> describe) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + describe.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
