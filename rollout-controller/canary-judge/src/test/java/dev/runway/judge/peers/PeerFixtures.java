package dev.runway.judge.peers;

import dev.runway.judge.LatencyHistogram;
import dev.runway.judge.Observation;
import dev.runway.judge.VersionSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-made 5 s buckets for the peer tests. */
final class PeerFixtures {

    static final double[] BOUNDS = {50, 100, 200, 400, 800};
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private PeerFixtures() {}

    /** {@code count} buckets with the same canary (requests, errors, all at ~75 ms or ~300 ms) each. */
    static List<Observation> buckets(int count, long canaryRequests, long canaryErrors, boolean slowCanary) {
        List<Observation> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = T0.plus(Duration.ofSeconds(5L * i));
            list.add(new Observation(
                    start,
                    start.plusSeconds(5),
                    new VersionSample(canaryRequests, canaryErrors, at(slowCanary ? 3 : 1, canaryRequests)),
                    new VersionSample(1000, 1, at(1, 1000))));
        }
        return list;
    }

    static LatencyHistogram at(int bucket, long count) {
        long[] counts = new long[BOUNDS.length + 1];
        counts[bucket] = count;
        return new LatencyHistogram(BOUNDS, counts);
    }

    static double secondsToRollback(PeerJudge peer, List<Observation> buckets) {
        for (Observation o : buckets) {
            peer.add(o);
        }
        return peer.rollbackAt()
                .map(t -> (double) Duration.between(T0, t).toSeconds())
                .orElse(Double.POSITIVE_INFINITY);
    }
}
