package dev.runway.api.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A deployment CI handed to the front door, and the rollout it started.
 *
 * @param source {@code API} or {@code GITHUB}
 */
record Deployment(
        String id,
        String service,
        String version,
        String commitSha,
        Instant commitTime,
        String source,
        String actor,
        String rolloutId,
        String rolloutUrl,
        Instant receivedAt) {

    /**
     * What CI posts. {@code artifact} names the build (an image for Kubernetes); {@code canaryUrl} is where a
     * static service's new version already answers; one of them is required.
     */
    record Request(
            @NotBlank
            @Pattern(
                    regexp = "[a-z][a-z0-9-]{1,62}",
                    message = "must be 2-63 lowercase letters, digits or '-', starting with a letter")
            String service,

            @NotBlank
            @Pattern(
                    regexp = "[A-Za-z0-9][A-Za-z0-9._+-]{0,127}",
                    message = "must be 1-128 letters, digits, '.', '_', '+' or '-'")
            String version,

            @Size(max = 512) String artifact,

            @Size(max = 512) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
            String canaryUrl,

            @NotBlank @Pattern(regexp = "[0-9a-f]{7,40}", message = "must be 7-40 lowercase hex digits")
            String commitSha,

            Instant commitTime,
            JsonNode strategy) {}
}
