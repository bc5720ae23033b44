package dev.runway.api.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity settings ({@code runway.api.identity.*}).
 *
 * @param bootstrapAdminToken the admin token the runner generates ({@code PLATFORM_BOOTSTRAP_ADMIN_TOKEN}): it
 *     works as an API token with the admin role and as the password of the console user {@code admin} until an
 *     admin user of that name is created; blank disables it
 * @param tokenLifetime how long a token lives when its creator does not say
 * @param maxTokenLifetime the longest lifetime a token may be given: every token expires
 */
@ConfigurationProperties("runway.api.identity")
public record IdentitySettings(String bootstrapAdminToken, Duration tokenLifetime, Duration maxTokenLifetime) {
    public IdentitySettings {
        bootstrapAdminToken = bootstrapAdminToken == null ? "" : bootstrapAdminToken.strip();
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(90) : tokenLifetime;
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofDays(366) : maxTokenLifetime;
    }
}
