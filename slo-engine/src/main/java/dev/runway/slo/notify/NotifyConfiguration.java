package dev.runway.slo.notify;

import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationSettings.class)
class NotifyConfiguration {
    @Bean
    AlertNotifier alertNotifier(NotificationSettings settings, JsonMapper json) {
        if (settings.webhooks().isEmpty()) {
            var log = LoggerFactory.getLogger(AlertNotifier.class);
            return events -> events.forEach(e -> log.info(
                    "[{}] {} {} on {} ({}): {} (no webhook configured)",
                    e.tier(),
                    e.state(),
                    e.alert(),
                    e.slo(),
                    e.service(),
                    e.reason()));
        }
        return new WebhookNotifier(
                settings.webhooks(), settings.attempts(), settings.backoff(), settings.queueCapacity(), json);
    }
}
