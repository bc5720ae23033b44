package dev.runway.slo.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The raw 5 s buckets after the minute cut, kept per route between cycles so that a cycle reads only the
 * newest ones: about ten minutes of buckets per route, in time order, each with its sums (requests, server
 * errors, good requests per latency threshold). Compact on purpose: 5,000 routes take about 20 MB.
 */
final class RawBuckets {
    final List<Integer> goodBuckets;
    final Set<String> routes;
    final int width;
    /** Until when buckets were read; the newest ones are read again, since replicas still add to them. */
    java.time.Instant readUntil;

    private final Map<String, Series> series = new HashMap<>();

    RawBuckets(List<Integer> goodBuckets, Set<String> routes) {
        this.goodBuckets = List.copyOf(goodBuckets);
        this.routes = Set.copyOf(routes);
        this.width = 2 + goodBuckets.size();
    }

    /** Forgets buckets before {@code before} (now covered by minute rows) and from {@code from} on (read again). */
    void trim(long before, long from) {
        for (Series s : series.values()) {
            s.dropBefore(before);
            s.dropFrom(from);
        }
    }

    /**
     * Appends a bucket; buckets of a route must come in time order. The same bucket again (another version of the
     * route, say its canary) is added to it.
     */
    void append(String route, long epochSecond, long[] sums) {
        series.computeIfAbsent(route, r -> new Series(width)).append(epochSecond, sums);
    }

    /** Appends every bucket of another, all newer than those here (or the same bucket: added up). */
    void appendAll(RawBuckets newer) {
        newer.series.forEach((route, s) -> s.forEach((sums, epoch) -> append(route, epoch, sums)));
    }

    /** Routes, then per route its buckets in time order: what {@link #readFrom} reads back. */
    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(width);
        out.writeInt(series.size());
        for (var entry : series.entrySet()) {
            out.writeUTF(entry.getKey());
            Series s = entry.getValue();
            out.writeInt(s.end - s.start);
            for (int i = s.start; i < s.end; i++) {
                out.writeLong(s.epochs[i]);
                for (int j = 0; j < width; j++) {
                    out.writeLong(s.values[i * width + j]);
                }
            }
        }
    }

    static RawBuckets readFrom(java.io.DataInputStream in, List<Integer> goodBuckets, Set<String> routes)
            throws java.io.IOException {
        RawBuckets raw = new RawBuckets(goodBuckets, routes);
        if (in.readInt() != raw.width) {
            throw new java.io.IOException("raw buckets of another width");
        }
        int count = in.readInt();
        for (int r = 0; r < count; r++) {
            String route = in.readUTF();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                long epoch = in.readLong();
                long[] sums = new long[raw.width];
                for (int j = 0; j < raw.width; j++) {
                    sums[j] = in.readLong();
                }
                raw.append(route, epoch, sums);
            }
        }
        return raw;
    }

    /**
     * Sums per route and band: a bucket goes to the first band whose start it is at or after; starts run from
     * the newest to the oldest. Bands are laid out as in {@link GatewayStoreSource.Layout}.
     */
    Map<String, long[]> bands(long[] starts) {
        Map<String, long[]> out = new HashMap<>();
        series.forEach((route, s) -> {
            if (!s.isEmpty()) {
                long[] row = new long[starts.length * width];
                s.addInto(row, starts);
                out.put(route, row);
            }
        });
        return out;
    }

    private static final class Series {
        private final int width;
        private long[] epochs = new long[32];
        private long[] values;
        private int start;
        private int end;

        Series(int width) {
            this.width = width;
            this.values = new long[32 * width];
        }

        boolean isEmpty() {
            return start == end;
        }

        void dropBefore(long epoch) {
            while (start < end && epochs[start] < epoch) {
                start++;
            }
        }

        void dropFrom(long epoch) {
            while (end > start && epochs[end - 1] >= epoch) {
                end--;
            }
        }

        void append(long epoch, long[] sums) {
            if (end > start && epochs[end - 1] == epoch) {
                for (int j = 0; j < width; j++) {
                    values[(end - 1) * width + j] += sums[j];
                }
                return;
            }
            if (end == epochs.length) {
                int live = end - start;
                if (live * 2 > epochs.length) {
                    epochs = Arrays.copyOf(epochs, epochs.length * 2);
                    values = Arrays.copyOf(values, values.length * 2);
                }
                System.arraycopy(epochs, start, epochs, 0, live);
                System.arraycopy(values, start * width, values, 0, live * width);
                start = 0;
                end = live;
            }
            epochs[end] = epoch;
            System.arraycopy(sums, 0, values, end * width, width);
            end++;
        }

        void forEach(java.util.function.ObjLongConsumer<long[]> each) {
            for (int i = start; i < end; i++) {
                each.accept(Arrays.copyOfRange(values, i * width, (i + 1) * width), epochs[i]);
            }
        }

        void addInto(long[] row, long[] starts) {
            for (int i = start; i < end; i++) {
                int band = 0;
                while (band < starts.length && epochs[i] < starts[band]) {
                    band++;
                }
                if (band == starts.length) {
                    continue;
                }
                for (int j = 0; j < width; j++) {
                    row[band * width + j] += values[i * width + j];
                }
            }
        }
    }
}
