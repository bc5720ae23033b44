package dev.runway.slo.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookNotifierTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AlertEvent PAGE = new AlertEvent(
            "checkout-availability",
            "checkout",
            "page",
            "page-1h-5m",
            AlertEvent.FIRING,
            "burn rate 20.00 over PT1H and 20.00 over PT5M against 14.40",
            Instant.parse("2026-11-22T10:00:00Z"));

    HttpServer receiver;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    volatile CountDownLatch hold = new CountDownLatch(0);
    WebhookNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            calls.incrementAndGet();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                received.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        receiver.start();
        notifier = new WebhookNotifier(
                List.of(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")),
                3,
                Duration.ofMillis(10),
                100,
                JSON);
    }

    @AfterEach
    void stop() {
        notifier.close();
        receiver.stop(0);
    }

    @Test
    void anEventIsPostedAsSlackCompatibleJsonWithAStableTierLabel() throws Exception {
        notifier.notify(List.of(PAGE));
        JsonNode message = JSON.readTree(received.poll(10, TimeUnit.SECONDS));
        assertThat(message.path("text").asString())
                .startsWith("[page] FIRING")
                .contains("checkout-availability", "page-1h-5m", "burn rate 20.00");
        JsonNode fields = message.path("attachments").get(0).path("fields");
        assertThat(fields.get(0).path("title").asString()).isEqualTo("tier");
        assertThat(fields.get(0).path("value").asString()).isEqualTo("page");
        assertThat(fields.get(1).path("value").asString()).isEqualTo("firing");
    }

    @Test
    void aFailedDeliveryIsTriedAgainABoundedNumberOfTimes() throws Exception {
        failuresLeft.set(2);
        notifier.notify(List.of(PAGE));
        assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
        while (notifier.delivered() == 0) {
            Thread.sleep(20);
        }
        assertThat(calls.get()).isEqualTo(3);

        failuresLeft.set(100);
        notifier.notify(List.of(PAGE));
        while (notifier.failed() == 0) {
            Thread.sleep(20);
        }
        assertThat(calls.get()).isEqualTo(6);
        assertThat(received).isEmpty();
    }

    @Test
    void notifyingNeverWaitsForTheReceiver() throws Exception {
        hold = new CountDownLatch(1);
        // the receiver holds every request until released: notify must have returned long before that
        notifier.notify(List.of(PAGE, PAGE));
        hold.countDown();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
    }
}
