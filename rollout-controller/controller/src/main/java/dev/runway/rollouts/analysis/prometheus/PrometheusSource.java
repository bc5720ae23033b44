package dev.runway.rollouts.analysis.prometheus;

import dev.runway.common.problem.FieldViolation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the {@code prometheus} provider reads: a Prometheus HTTP API and three counter expressions, each with
 * {@code {version}} standing for {@code canary} or {@code stable} (label the versions' series that way, as the
 * Kubernetes driver labels pods {@code runway.dev/track}).
 *
 * <p>The expressions name <em>cumulative counters</em>, not rates: {@code
 * http_server_requests_seconds_count{track="{version}"}}. The provider sums them ({@code sum(...)}, and {@code
 * sum by (le) (...)} for the histogram) over a range query and takes differences between step boundaries, so
 * every bucket holds a whole number of requests that adds up exactly over time. {@code increase()} would
 * extrapolate to the window edges and hand the judge fractional, inflated counts, which its exact
 * conditional test must not see.
 *
 * @param url base URL of the Prometheus HTTP API, e.g. {@code http://prometheus:9090}
 * @param requestsQuery counter of all requests
 * @param errorsQuery counter of failed requests (server errors)
 * @param latencyBucketsQuery optional histogram bucket counter in seconds ({@code ..._bucket}, with {@code le});
 *     without it only errors and business thresholds are judged
 * @param stepSeconds bucket length, a multiple of 5 between 5 and 300; at least twice the scrape interval
 *     (default 30)
 * @param lagSeconds how long after a bucket ends its last scrape is in Prometheus (default 30)
 * @param businessQueries the canary's business metrics for the analysis template's thresholds: name → any
 *     PromQL expression with {@code {version}} (rates welcome, e.g. {@code
 *     sum(rate(orders_total{track="{version}"}[1m])) * 60}), read at the end of every bucket
 */
public record PrometheusSource(
        String url,
        String requestsQuery,
        String errorsQuery,
        String latencyBucketsQuery,
        Integer stepSeconds,
        Integer lagSeconds,
        Map<String, String> businessQueries) {

    public PrometheusSource {
        businessQueries = businessQueries == null ? Map.of() : Map.copyOf(businessQueries);
    }

    public PrometheusSource(
            String url,
            String requestsQuery,
            String errorsQuery,
            String latencyBucketsQuery,
            Integer stepSeconds,
            Integer lagSeconds) {
        this(url, requestsQuery, errorsQuery, latencyBucketsQuery, stepSeconds, lagSeconds, Map.of());
    }

    static final int DEFAULT_STEP_SECONDS = 30;
    static final int DEFAULT_LAG_SECONDS = 30;

    int step() {
        return stepSeconds == null ? DEFAULT_STEP_SECONDS : stepSeconds;
    }

    int lag() {
        return lagSeconds == null ? DEFAULT_LAG_SECONDS : lagSeconds;
    }

    public boolean hasLatency() {
        return latencyBucketsQuery != null && !latencyBucketsQuery.isBlank();
    }

    public List<FieldViolation> violations(String field) {
        List<FieldViolation> v = new ArrayList<>();
        if (url == null || !isHttpUrl(url)) {
            v.add(new FieldViolation(field + ".url", "is required and must be an http(s) URL"));
        }
        requireVersioned(v, field + ".requestsQuery", requestsQuery, true);
        requireVersioned(v, field + ".errorsQuery", errorsQuery, true);
        requireVersioned(v, field + ".latencyBucketsQuery", latencyBucketsQuery, false);
        if (stepSeconds != null && (stepSeconds < 5 || stepSeconds > 300 || stepSeconds % 5 != 0)) {
            v.add(new FieldViolation(field + ".stepSeconds", "must be a multiple of 5 between 5 and 300"));
        }
        if (lagSeconds != null && (lagSeconds < 0 || lagSeconds > 600)) {
            v.add(new FieldViolation(field + ".lagSeconds", "must be between 0 and 600"));
        }
        businessQueries.forEach((name, query) -> {
            String at = field + ".businessQueries." + name;
            if (name.isBlank() || name.equals("error-ratio") || name.equals("latency")) {
                v.add(new FieldViolation(at, "needs a name other than the built-in metrics"));
            } else if (query == null || !query.contains("{version}")) {
                v.add(new FieldViolation(at, "must contain {version}: it is read for the canary"));
            }
        });
        return v;
    }

    private static void requireVersioned(List<FieldViolation> v, String field, String query, boolean required) {
        if (query == null || query.isBlank()) {
            if (required) {
                v.add(new FieldViolation(field, "is required"));
            }
            return;
        }
        if (!query.contains("{version}")) {
            v.add(new FieldViolation(field, "must contain {version} so that canary and stable are told apart"));
        }
        if (query.matches("(?s).*\\b(rate|irate|increase|delta)\\s*\\(.*")) {
            v.add(new FieldViolation(
                    field, "must name a cumulative counter, not a rate: the provider takes the differences itself"));
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
