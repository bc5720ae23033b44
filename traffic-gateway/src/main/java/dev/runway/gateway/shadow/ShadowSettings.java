package dev.runway.gateway.shadow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of mirroring, so that shadow traffic can never hurt the primary.
 *
 * @param maxConcurrent copies in flight at once, all routes together; beyond it copies are dropped and counted
 * @param timeout how long a copy may take before it counts as failed
 * @param maxRequestBodyBytes larger request bodies (or bodies of unknown length) are not copied
 * @param maxCaptureBytes larger response bodies are not compared (status and headers still are)
 * @param flushInterval how often comparison summaries are written to the store
 */
@ConfigurationProperties("runway.gateway.shadow")
record ShadowSettings(
        Integer maxConcurrent,
        Duration timeout,
        Integer maxRequestBodyBytes,
        Integer maxCaptureBytes,
        Duration flushInterval) {
    ShadowSettings {
        maxConcurrent = maxConcurrent == null ? 256 : maxConcurrent;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxRequestBodyBytes = maxRequestBodyBytes == null ? 64 * 1024 : maxRequestBodyBytes;
        maxCaptureBytes = maxCaptureBytes == null ? 256 * 1024 : maxCaptureBytes;
        flushInterval = flushInterval == null ? Duration.ofSeconds(2) : flushInterval;
    }
}
