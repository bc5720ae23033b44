package dev.runway.gateway.shadow;

import java.util.Arrays;

/** Collects bytes up to a limit and remembers whether more came: a copy that can never grow unbounded. */
final class BoundedBytes {
    private final int limit;
    private byte[] bytes = new byte[0];
    private int size;
    private boolean truncated;

    BoundedBytes(int limit) {
        this.limit = limit;
    }

    synchronized void add(byte[] chunk, int offset, int length) {
        if (truncated) {
            return;
        }
        if (size + length > limit) {
            truncated = true;
            bytes = new byte[0];
            size = 0;
            return;
        }
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + length, bytes.length * 2 + 256)));
        }
        System.arraycopy(chunk, offset, bytes, size, length);
        size += length;
    }

    synchronized void markTruncated() {
        truncated = true;
        bytes = new byte[0];
        size = 0;
    }

    BoundedBytes add(byte[] chunk) {
        add(chunk, 0, chunk.length);
        return this;
    }

    synchronized byte[] bytes() {
        return Arrays.copyOf(bytes, size);
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
