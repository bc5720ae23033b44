package dev.runway.rollouts.notify;

import dev.runway.rollouts.notify.webhook.WebhookNotifier;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

    /** {@code runway.rollouts.notifications.webhooks}: comma-separated URLs; none configured sends nothing. */
    @Bean
    RolloutNotifier rolloutNotifier(
            @Value("${runway.rollouts.notifications.webhooks:}") List<String> webhooks, JsonMapper json) {
        return new WebhookNotifier(
                webhooks.stream().filter(w -> !w.isBlank()).map(URI::create).toList(), json);
    }
}
