package dev.runway.rollouts.notify.webhook;

import dev.runway.rollouts.notify.RolloutNotifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each state change to every configured webhook as Slack-compatible JSON ({@code {"text": ...}}, which
 * Slack, Mattermost, Rocket.Chat and most chat bridges accept). Sent asynchronously: a slow or dead chat
 * server never delays a rollback. Failures are logged, not retried.
 */
public final class WebhookNotifier implements RolloutNotifier {
    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final List<URI> webhooks;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public WebhookNotifier(List<URI> webhooks, JsonMapper json) {
        this.webhooks = List.copyOf(webhooks);
        this.json = json;
    }

    static String text(StateChange c) {
        String icon =
                switch (c.to()) {
                    case "PROMOTED" -> ":white_check_mark:";
                    case "ABORTING", "ROLLED_BACK", "FAILED" -> ":rotating_light:";
                    case "PAUSED" -> ":double_vertical_bar:";
                    default -> ":arrow_forward:";
                };
        return icon + " *" + c.service() + "* " + c.version() + ": " + (c.from() == null ? "created" : c.from()) + " → "
                + c.to() + " (by " + c.actor() + ")\n" + c.reason();
    }

    @Override
    public void stateChanged(StateChange change) {
        if (webhooks.isEmpty()) {
            return;
        }
        String body = json.writeValueAsString(Map.of("text", text(change)));
        for (URI webhook : webhooks) {
            HttpRequest request = HttpRequest.newBuilder(webhook)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null) {
                    log.warn("webhook {} failed: {}", webhook.getHost(), error.toString());
                } else if (response.statusCode() >= 300) {
                    log.warn("webhook {} answered {}", webhook.getHost(), response.statusCode());
                }
            });
        }
    }
}
