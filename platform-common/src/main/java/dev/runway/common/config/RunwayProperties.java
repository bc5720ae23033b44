package dev.runway.common.config;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service shares.
 *
 * @param serviceName the service's name in audit records, metrics and logs
 * @param version the running version, tagged on every meter so that dashboards can tell releases apart
 * @param internalToken shared secret of the platform's services ({@code PLATFORM_INTERNAL_TOKEN})
 * @param protectedPaths path patterns that require the internal token; the public front door adds user auth
 */
@Validated
@ConfigurationProperties("runway")
public record RunwayProperties(
        @NotBlank String serviceName,
        @NotBlank String version,

        @NotBlank(message = "must be set: export PLATFORM_INTERNAL_TOKEN (./platform up does this for you)")
        String internalToken,

        List<String> protectedPaths) {
    public RunwayProperties {
        protectedPaths = protectedPaths == null || protectedPaths.isEmpty() ? List.of("/api/**") : protectedPaths;
    }
}
