package dev.runway.slo.evaluation;

import dev.runway.common.config.RunwayProperties;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(EvaluationSettings.class)
class EvaluationConfiguration {
    /** On unless {@code runway.slo.gateway-source=false} (a deployment that reads only Prometheus). */
    @Bean(destroyMethod = "")
    @ConditionalOnProperty(name = "runway.slo.gateway-source", havingValue = "true", matchIfMissing = true)
    GatewayStoreSource gatewayStoreSource(EvaluationSettings settings, JdbcClient jdbc) {
        return new GatewayStoreSource(jdbc, settings.gatewaySchema(), new StoreSnapshots(jdbc));
    }

    /**
     * On a graceful stop the gateway-store reader saves its raw buckets (see {@link GatewayStoreSource#close}),
     * before the database connections close; {@code runway.slo.save-raw-buckets-on-stop=false} turns it off.
     */
    @Bean
    @ConditionalOnProperty(name = "runway.slo.save-raw-buckets-on-stop", havingValue = "true", matchIfMissing = true)
    DisposableBean rawBucketsOnStop(Optional<GatewayStoreSource> source) {
        return () -> source.ifPresent(GatewayStoreSource::close);
    }

    /** The store's fault dimension, for the budget each chaos experiment spent; read with the store. */
    @Bean
    @ConditionalOnProperty(name = "runway.slo.gateway-source", havingValue = "true", matchIfMissing = true)
    FaultMetricsReader faultMetricsReader(EvaluationSettings settings, JdbcClient jdbc) {
        return new FaultMetricsReader(jdbc, settings.gatewaySchema());
    }

    /** Only when a Prometheus server is configured ({@code runway.slo.prometheus-url}, {@code PROMETHEUS_URL}). */
    @Bean
    @ConditionalOnProperty(name = "runway.slo.prometheus-url")
    EventSource prometheusEventSource(EvaluationSettings settings) {
        return new PrometheusEventSource(settings.prometheusUrl());
    }

    @Bean
    EventSource probeEventSource(JdbcClient jdbc) {
        return new ProbeEventSource(jdbc);
    }

    @Bean
    RolloutAborter rolloutAborter(EvaluationSettings settings, RunwayProperties runway) {
        return new RolloutAborter(settings.rolloutControllerUrl(), runway.internalToken());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
