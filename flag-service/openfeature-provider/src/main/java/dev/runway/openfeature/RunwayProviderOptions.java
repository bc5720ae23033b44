package dev.runway.openfeature;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the provider reaches the flag service.
 *
 * @param baseUrl the flag service, e.g. {@code http://flags:8081}
 * @param sdkKey a read-only SDK key of one environment
 * @param initTimeout how long {@code initialize} waits for the first ruleset before giving up (the
 *     provider then serves the cached ruleset, if any, and keeps trying in the background)
 * @param reconnectDelay first wait after the stream fails; doubles up to {@code maxReconnectDelay}
 * @param maxReconnectDelay longest wait between attempts; the ruleset is polled on each attempt
 * @param idleTimeout a stream silent this long is treated as dead (the server sends a comment every 15 s)
 * @param cacheFile where to keep the last good ruleset, or {@code null} for none
 */
public record RunwayProviderOptions(
        URI baseUrl,
        String sdkKey,
        Duration initTimeout,
        Duration reconnectDelay,
        Duration maxReconnectDelay,
        Duration idleTimeout,
        Path cacheFile) {

    public RunwayProviderOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(sdkKey, "sdkKey");
        Objects.requireNonNull(initTimeout, "initTimeout");
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /** Defaults: 5 s to initialise, reconnect after 0.5 s doubling to 30 s, 45 s idle limit, no cache file. */
    public static RunwayProviderOptions of(String baseUrl, String sdkKey) {
        return new RunwayProviderOptions(
                URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl),
                sdkKey,
                Duration.ofSeconds(5),
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(45),
                null);
    }

    public RunwayProviderOptions withCacheFile(Path file) {
        return new RunwayProviderOptions(
                baseUrl, sdkKey, initTimeout, reconnectDelay, maxReconnectDelay, idleTimeout, file);
    }

    public RunwayProviderOptions withReconnect(Duration first, Duration max) {
        return new RunwayProviderOptions(baseUrl, sdkKey, initTimeout, first, max, idleTimeout, cacheFile);
    }

    public RunwayProviderOptions withInitTimeout(Duration timeout) {
        return new RunwayProviderOptions(
                baseUrl, sdkKey, timeout, reconnectDelay, maxReconnectDelay, idleTimeout, cacheFile);
    }
}
