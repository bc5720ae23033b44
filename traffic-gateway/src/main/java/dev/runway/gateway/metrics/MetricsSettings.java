package dev.runway.gateway.metrics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The built-in metrics store.
 *
 * @param bucketSeconds raw bucket size: 1 to 5 s, a divisor of 60 so that buckets align to whole minutes
 * @param rawRetention how long raw buckets are kept
 * @param minuteRetention how long one-minute roll-ups are kept
 * @param hourRetention how long one-hour roll-ups are kept
 * @param maxPending raw rows kept in memory while PostgreSQL is unreachable; the oldest go first
 */
@Validated
@ConfigurationProperties("runway.gateway.metrics")
record MetricsSettings(
        @Min(1) @Max(5) Integer bucketSeconds,
        Duration rawRetention,
        Duration minuteRetention,
        Duration hourRetention,
        Integer maxPending) {
    MetricsSettings {
        bucketSeconds = bucketSeconds == null ? 5 : bucketSeconds;
        rawRetention = rawRetention == null ? Duration.ofHours(48) : rawRetention;
        minuteRetention = minuteRetention == null ? Duration.ofDays(35) : minuteRetention;
        hourRetention = hourRetention == null ? Duration.ofDays(400) : hourRetention;
        maxPending = maxPending == null ? 100_000 : maxPending;
    }
}
