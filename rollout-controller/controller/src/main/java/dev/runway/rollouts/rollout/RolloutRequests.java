package dev.runway.rollouts.rollout;

import dev.runway.rollouts.strategy.StepSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request bodies of the rollout API. */
final class RolloutRequests {
    private RolloutRequests() {}

    /**
     * @param artifact the build to run: an image reference for Kubernetes, any artifact id for static
     * @param canaryUpstream for static services: the URL the new version already answers at
     * @param strategy optional; otherwise the service's default, otherwise the built-in one for the posture
     * @param breakGlass needed only when the posture is FREEZE
     */
    record Create(
            @NotBlank String service,

            @NotBlank
            @Pattern(
                    regexp = "[A-Za-z0-9][A-Za-z0-9._+-]{0,127}",
                    message = "must be 1-128 letters, digits, '.', '_', '+' or '-'")
            String version,

            @NotBlank @Size(max = 512) String artifact,

            @NotBlank @Pattern(regexp = "[0-9a-f]{7,40}", message = "must be 7-40 lowercase hex digits")
            String commitSha,

            Instant commitTime,
            String canaryUpstream,
            List<StepSpec> strategy,
            @Valid BreakGlass breakGlass) {}

    record BreakGlass(String role, String justification) {}

    /** Body of promote, pause, resume, abort, retry and rollback. */
    record Action(@Size(max = 2000) String reason) {}
}
