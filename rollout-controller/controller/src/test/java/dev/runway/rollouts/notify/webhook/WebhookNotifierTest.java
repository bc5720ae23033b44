package dev.runway.rollouts.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.rollouts.notify.RolloutNotifier.StateChange;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WebhookNotifierTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aStateChangeIsPostedAsSlackCompatibleJsonToEveryWebhook() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        chat.start();
        try {
            URI hook = URI.create("http://127.0.0.1:" + chat.getAddress().getPort() + "/hook");
            var notifier = new WebhookNotifier(List.of(hook, hook), JSON);
            notifier.stateChanged(new StateChange(
                    "r-1",
                    "checkout",
                    "v2",
                    "PROGRESSING",
                    "ABORTING",
                    "analysis failed: error-ratio 5.1 % vs 0.5 %",
                    "rollout-controller",
                    Instant.now()));
            String first = received.poll(5, TimeUnit.SECONDS);
            String second = received.poll(5, TimeUnit.SECONDS);
            assertThat(first).startsWith("application/json ");
            assertThat(second).isEqualTo(first);
            String text = JSON.readTree(first.substring("application/json ".length()))
                    .path("text")
                    .asString();
            assertThat(text)
                    .contains("*checkout* v2", "PROGRESSING → ABORTING", "error-ratio 5.1 %", ":rotating_light:");
        } finally {
            chat.stop(0);
        }
    }

    @Test
    void anUnreachableWebhookDoesNotThrow() {
        var notifier = new WebhookNotifier(List.of(URI.create("http://127.0.0.1:1/hook")), JSON);
        notifier.stateChanged(
                new StateChange("r-1", "checkout", "v2", null, "PENDING", "created", "ci", Instant.now()));
        assertThat(WebhookNotifier.text(new StateChange("r", "s", "v", null, "PENDING", "why", "ci", Instant.now())))
                .contains("created → PENDING");
    }
}
