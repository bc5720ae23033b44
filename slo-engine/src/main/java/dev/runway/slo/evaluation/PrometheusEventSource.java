package dev.runway.slo.evaluation;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * Counts events with PromQL instant queries over the Prometheus HTTP API.
 *
 * <p>A query names its window with {@code $window}, e.g.
 * {@code sum(increase(http_requests_total{code=~"5.."}[$window]))}; the engine puts in each window it needs
 * ({@code 5m}, {@code 1h}, {@code 30d} …). A query without {@code $window} must be a plain counter selector,
 * which is wrapped as {@code sum(increase(selector[window]))}. {@code increase} extrapolates, so the counts
 * are estimates; a bad count is capped at the total so that a ratio never exceeds 1.
 */
final class PrometheusEventSource implements EventSource {
    private final RestClient prometheus;

    PrometheusEventSource(String baseUrl) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.prometheus =
                RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
    }

    @Override
    public boolean reads(Indicator indicator) {
        return indicator instanceof Indicator.PrometheusRatio;
    }

    @Override
    public EventCounts count(Indicator indicator, Duration window) {
        if (!(indicator instanceof Indicator.PrometheusRatio ratio)) {
            throw new IllegalArgumentException("not a Prometheus indicator");
        }
        // Both queries at one instant: evaluated apart, a scrape landing between them would extrapolate the
        // numerator and the total over different samples and skew their ratio.
        String at = String.format(java.util.Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0);
        long total = Math.round(value(ratio.total(), window, at));
        if (ratio.good() != null) {
            long good = Math.min(total, Math.round(value(ratio.good(), window, at)));
            return EventCounts.ofGood(total, good);
        }
        long bad = Math.min(total, Math.round(value(ratio.bad(), window, at)));
        return new EventCounts(total, bad);
    }

    static String render(String query, Duration window) {
        String range = promDuration(window);
        return query.contains("$window")
                ? query.replace("$window", range)
                : "sum(increase(" + query + "[" + range + "]))";
    }

    /** PromQL durations: whole days, hours, minutes or seconds. */
    static String promDuration(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private double value(String query, Duration window, String at) {
        String promql = render(query, window);
        JsonNode answer;
        try {
            answer = prometheus
                    .get()
                    .uri(uri -> uri.path("/api/v1/query")
                            .queryParam("query", "{q}")
                            .queryParam("time", "{at}")
                            .build(promql, at))
                    .retrieve()
                    .body(JsonNode.class);
        } catch (RestClientException failure) {
            throw new SourceUnavailable("Prometheus query failed (" + promql + "): " + failure.getMessage(), failure);
        }
        if (answer == null || !"success".equals(answer.path("status").asString())) {
            throw new SourceUnavailable(
                    "Prometheus refused " + promql + ": "
                            + (answer == null ? "no body" : answer.path("error").asString()),
                    null);
        }
        double sum = 0;
        for (JsonNode series : answer.path("data").path("result")) {
            double v = Double.parseDouble(series.path("value").get(1).asString());
            sum += Double.isNaN(v) ? 0 : v;
        }
        return sum;
    }
}
