package dev.runway.flags.flag;

import dev.runway.flags.ruleset.FlagDocument;
import java.time.Instant;
import java.util.List;

/**
 * A change waiting for a second person, because it alters an environment that requires approval.
 *
 * @param id the proposal id
 * @param flagKey the flag
 * @param baseVersion the version it was made against; approving fails if the flag moved on since
 * @param action what the change is ({@code flag.updated} …)
 * @param flag the document it would make current
 * @param deleted whether it deletes the flag
 * @param environments the guarded environments it alters
 * @param status PENDING, APPROVED or REJECTED
 * @param proposedBy who asked
 * @param reason why, as they said
 * @param decidedBy who approved or rejected
 * @param decisionReason why, as they said
 * @param createdAt when proposed
 * @param decidedAt when decided
 */
record Proposal(
        long id,
        String flagKey,
        int baseVersion,
        String action,
        FlagDocument flag,
        boolean deleted,
        List<String> environments,
        String status,
        String proposedBy,
        String reason,
        String decidedBy,
        String decisionReason,
        Instant createdAt,
        Instant decidedAt) {}
