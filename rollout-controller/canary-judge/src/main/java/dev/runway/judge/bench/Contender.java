package dev.runway.judge.bench;

import dev.runway.judge.CanaryAnalysis;
import dev.runway.judge.CanaryJudge;
import dev.runway.judge.Observation;
import dev.runway.judge.Phase;
import dev.runway.judge.Verdict;
import dev.runway.judge.peers.PeerJudge;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** One judge in the benchmark: a name, its settings in words, and a fresh instance per simulated step. */
record Contender(String name, String settings, boolean peer, Supplier<Run> factory) {

    /** One judge watching one step: feed buckets, learn when (if) it rolled back. */
    interface Run {
        Optional<Instant> add(Observation o);
    }

    static Contender runway(String name, CanaryJudge judge) {
        var c = judge.config();
        String settings = "alpha " + c.alpha() + " (split over " + c.metrics().size() + " metrics), beta " + c.beta()
                + ", " + c.metrics() + "; verdict read after every 5 s bucket";
        return new Contender(name, settings, false, () -> {
            CanaryAnalysis analysis = judge.start();
            return o -> {
                analysis.add(o);
                // The controller reads the verdict after every bucket: exactly the continuous monitoring
                // the e-processes must survive.
                return analysis.verdict(Phase.BAKING) instanceof Verdict.Fail ? Optional.of(o.end()) : Optional.empty();
            };
        });
    }

    static Contender peer(String name, String settings, Supplier<PeerJudge> peer) {
        return new Contender(name, settings, true, () -> {
            PeerJudge p = peer.get();
            return o -> {
                p.add(o);
                return p.rollbackAt();
            };
        });
    }
}
