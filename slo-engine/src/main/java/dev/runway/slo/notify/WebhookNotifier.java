package dev.runway.slo.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each alert event to every configured webhook as Slack-compatible JSON, on a thread of its own: the
 * evaluation hands events over and goes on. A delivery that fails (no connection, timeout, non-2xx) is tried
 * again after a growing pause, at most {@code attempts} times in all, then given up and logged; a slow or dead
 * receiver delays only the deliveries queued behind it. When more than {@code queueCapacity} deliveries wait,
 * the oldest is dropped (and logged) rather than holding memory without bound.
 */
public final class WebhookNotifier implements AlertNotifier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final List<URI> webhooks;
    private final int attempts;
    private final Duration backoff;
    private final JsonMapper json;
    private final HttpClient http;
    private final ThreadPoolExecutor deliveries;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public WebhookNotifier(List<URI> webhooks, int attempts, Duration backoff, int queueCapacity, JsonMapper json) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.webhooks = List.copyOf(webhooks);
        this.attempts = attempts;
        this.backoff = backoff;
        this.json = json;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.deliveries = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                runnable -> {
                    Thread thread = new Thread(runnable, "slo-webhooks");
                    thread.setDaemon(true);
                    return thread;
                },
                (dropped, executor) -> {
                    if (executor.isShutdown()) {
                        return;
                    }
                    executor.getQueue().poll();
                    log.warn("webhook queue full: the oldest pending notification was dropped");
                    executor.execute(dropped);
                });
    }

    @Override
    public void notify(List<AlertEvent> events) {
        for (AlertEvent event : events) {
            String body = json.writeValueAsString(SlackMessage.of(event));
            for (URI webhook : webhooks) {
                deliveries.execute(() -> deliver(webhook, body, event));
            }
        }
    }

    private void deliver(URI webhook, String body, AlertEvent event) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String failure;
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(webhook)
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    delivered.incrementAndGet();
                    return;
                }
                failure = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == attempts) {
                failed.incrementAndGet();
                log.error(
                        "gave up notifying {} of {} {} on {} after {} attempts: {}",
                        webhook.getHost(),
                        event.state(),
                        event.alert(),
                        event.slo(),
                        attempts,
                        failure);
                return;
            }
            log.warn(
                    "notifying {} failed (attempt {} of {}): {}; trying again",
                    webhook.getHost(),
                    attempt,
                    attempts,
                    failure);
            try {
                Thread.sleep(backoff.multipliedBy(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Deliveries that reached a receiver. */
    public long delivered() {
        return delivered.get();
    }

    /** Deliveries given up after every attempt failed. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        deliveries.shutdownNow();
    }
}
