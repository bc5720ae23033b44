package dev.runway.slo.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param webhooks URLs that receive every alert firing and resolving ({@code RUNWAY_SLO_NOTIFICATIONS_WEBHOOKS}, comma-separated)
 * @param attempts tries per delivery before giving up (3)
 * @param backoff pause after the first failed try; the n-th failure waits n times as long (2 s)
 * @param queueCapacity deliveries that may wait; beyond, the oldest is dropped (1,000)
 */
@ConfigurationProperties("runway.slo.notifications")
record NotificationSettings(List<URI> webhooks, Integer attempts, Duration backoff, Integer queueCapacity) {
    NotificationSettings {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        attempts = attempts == null ? 3 : attempts;
        backoff = backoff == null ? Duration.ofSeconds(2) : backoff;
        queueCapacity = queueCapacity == null ? 1000 : queueCapacity;
    }
}
