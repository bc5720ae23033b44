package dev.runway.gateway;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Cross-cutting beans: the clock every expiry and bucket is measured by, and scheduling for the metrics
 * flush, the comparison flush and the fault janitor (all off the event loop).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GatewayConfiguration {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
