package dev.runway.api.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CI webhook settings ({@code runway.api.webhooks.*}).
 *
 * @param githubSecret the secret shared with the repositories' webhooks ({@code PLATFORM_GITHUB_WEBHOOK_SECRET});
 *     blank refuses every delivery
 * @param canaryUrlTemplate where a static service's new version answers, with {@code {service}},
 *     {@code {version}} and {@code {sha}} filled in; blank for Kubernetes services (the artifact is enough)
 */
@ConfigurationProperties("runway.api.webhooks")
record WebhookSettings(String githubSecret, String canaryUrlTemplate) {
    WebhookSettings {
        githubSecret = githubSecret == null ? "" : githubSecret;
        canaryUrlTemplate = canaryUrlTemplate == null ? "" : canaryUrlTemplate;
    }
}
