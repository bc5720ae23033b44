package dev.runway.judge.peers;

import dev.runway.judge.Observation;
import java.time.Instant;
import java.util.Optional;

/**
 * A re-implementation of a peer system's analysis, fed the same buckets as Runway's judge, for the
 * side-by-side benchmark. Only the decision to roll back matters there; each peer also keeps a
 * human-readable reason.
 */
public interface PeerJudge {

    /** Adds the next bucket; the peer evaluates whenever one of its intervals completes. */
    void add(Observation observation);

    /** When the peer decided to roll back (end of the bucket that completed the failing interval). */
    Optional<Instant> rollbackAt();

    /** Why it rolled back, or its last evaluation. */
    String reason();
}
