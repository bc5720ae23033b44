package dev.runway.slo.notify;

import java.util.List;
import java.util.Map;

/**
 * A Slack-compatible incoming-webhook body: {@code text} for any receiver, plus one attachment whose fields
 * carry the tier, alert, SLO and service as separate values, so that a receiver can route on the tier without
 * parsing prose. The {@code tier} field holds only {@code page} or {@code ticket}.
 */
final class SlackMessage {
    private SlackMessage() {}

    static Map<String, Object> of(AlertEvent event) {
        String verb = event.firing() ? "FIRING" : "RESOLVED";
        String text = "[" + event.tier() + "] " + verb + ": SLO *" + event.slo() + "* (" + event.service() + "), "
                + event.alert() + "\n" + event.reason();
        Map<String, Object> attachment = Map.of(
                "color",
                event.firing() ? (event.tier().equals("page") ? "danger" : "warning") : "good",
                "fallback",
                text,
                "title",
                verb + " " + event.alert() + " on " + event.slo(),
                "text",
                event.reason(),
                "ts",
                event.at().getEpochSecond(),
                "fields",
                List.of(
                        field("tier", event.tier()),
                        field("state", event.state()),
                        field("alert", event.alert()),
                        field("slo", event.slo()),
                        field("service", event.service())));
        return Map.of("text", text, "attachments", List.of(attachment));
    }

    private static Map<String, Object> field(String title, String value) {
        return Map.of("title", title, "value", value, "short", true);
    }
}
