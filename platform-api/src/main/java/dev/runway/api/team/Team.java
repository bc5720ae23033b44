package dev.runway.api.team;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A team owns services; its members may roll them back without asking anyone. */
record Team(String name, String displayName, Instant createdAt) {

    /** What a caller sends to create a team. */
    record Create(
            @NotBlank
            @Pattern(
                    regexp = "[a-z][a-z0-9-]{1,62}",
                    message = "must be 2-63 lowercase letters, digits or '-', starting with a letter")
            String name,

            @Size(max = 200) String displayName) {}
}
