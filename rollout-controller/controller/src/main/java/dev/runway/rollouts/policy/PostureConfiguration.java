package dev.runway.rollouts.policy;

import dev.runway.common.actor.InternalCalls;
import dev.runway.common.config.RunwayProperties;
import dev.runway.rollouts.policy.slo.SloEnginePostureSource;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PostureConfiguration {

    /** The slo-engine when {@code runway.rollouts.slo-engine-url} is set, else NORMAL for everyone. */
    @Bean
    PostureSource postureSource(
            @Value("${runway.rollouts.slo-engine-url:}") String sloEngineUrl, RunwayProperties properties) {
        if (sloEngineUrl.isBlank()) {
            return new FixedPostureSource();
        }
        return new SloEnginePostureSource(
                InternalCalls.client(sloEngineUrl, properties.internalToken(), Duration.ofSeconds(2)));
    }
}
