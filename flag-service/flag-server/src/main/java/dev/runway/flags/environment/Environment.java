package dev.runway.flags.environment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Where flags are evaluated (production, staging …). Each has its own flag states and SDK keys, and may
 * require a second person to approve changes.
 */
record Environment(String key, String name, boolean requiresApproval, Instant createdAt) {

    record Create(
            @NotBlank
            @Pattern(
                    regexp = "[a-z][a-z0-9-]{1,31}",
                    message = "must be 2-32 lowercase letters, digits or '-', starting with a letter")
            String key,

            @Size(max = 100) String name,
            Boolean requiresApproval) {}
}
