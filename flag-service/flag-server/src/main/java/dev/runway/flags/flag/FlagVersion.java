package dev.runway.flags.flag;

import dev.runway.flags.ruleset.FlagDocument;
import java.time.Instant;

/**
 * One entry of a flag's history.
 *
 * @param version 1, 2, 3 …
 * @param deleted whether this version deleted the flag
 * @param action what the change was ({@code flag.killed}, {@code flag.restored} …)
 * @param actor who made it
 * @param reason why, as they said
 * @param revision the ruleset revision it became live in
 * @param createdAt when
 * @param flag the document as of this version
 */
record FlagVersion(
        int version,
        boolean deleted,
        String action,
        String actor,
        String reason,
        long revision,
        Instant createdAt,
        FlagDocument flag) {}
