package dev.runway.rollouts.rollout;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RolloutSettings.class)
class RolloutConfiguration {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
