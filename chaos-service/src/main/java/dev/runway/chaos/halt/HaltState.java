package dev.runway.chaos.halt;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/**
 * The platform-wide safety lever: while halted, running experiments stop and new ones may not start.
 *
 * @param until when the halt lifts by itself; null holds it until someone releases it
 */
record HaltState(boolean halted, String by, String reason, Instant since, Instant until) {
    static final HaltState RUNNING = new HaltState(false, null, null, null, null);

    boolean inForceAt(Instant now) {
        return halted && (until == null || now.isBefore(until));
    }

    record Request(
            @NotBlank(message = "say why everything is halted: on-call will read it")
            String reason,

            @Positive @Max(value = 10080, message = "must be at most a week (10080 minutes)")
            Integer minutes) {}
}
