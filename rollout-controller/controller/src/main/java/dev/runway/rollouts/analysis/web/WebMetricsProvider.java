package dev.runway.rollouts.analysis.web;

import dev.runway.judge.LatencyHistogram;
import dev.runway.judge.Observation;
import dev.runway.judge.VersionSample;
import dev.runway.rollouts.analysis.MetricsProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * Any JSON endpoint: one call per version per 5 s bucket, figures picked by path. Paths are dot-separated
 * field names with optional array indexes ({@code data.result[0].value}); a number given as a string (as
 * Prometheus-style APIs do) is read as a number.
 */
public final class WebMetricsProvider implements MetricsProvider {
    static final int BUCKET_SECONDS = 5;

    private final RestClient client;
    private final WebSource source;

    public WebMetricsProvider(RestClient client, WebSource source) {
        this.client = client;
        this.source = source;
    }

    @Override
    public List<Observation> read(String route, Instant from, Instant to) {
        List<Observation> out = new ArrayList<>();
        for (Instant start = from;
                !start.plusSeconds(BUCKET_SECONDS).isAfter(to);
                start = start.plusSeconds(BUCKET_SECONDS)) {
            Instant end = start.plusSeconds(BUCKET_SECONDS);
            out.add(new Observation(start, end, sample("canary", start, end), sample("stable", start, end)));
        }
        return out;
    }

    private VersionSample sample(String version, Instant from, Instant to) {
        String url = source.url()
                .replace("{version}", version)
                .replace("{from}", URLEncoder.encode(from.toString(), StandardCharsets.UTF_8))
                .replace("{to}", URLEncoder.encode(to.toString(), StandardCharsets.UTF_8));
        JsonNode body;
        try {
            body = client.get().uri(URI.create(url)).retrieve().body(JsonNode.class);
        } catch (RestClientException e) {
            throw new MetricsUnavailable("web metrics " + URI.create(url).getHost() + ": " + e.getMessage(), e);
        }
        long requests = number(body, source.requestsPath());
        long errors = Math.min(requests, number(body, source.errorsPath()));
        double[] bounds = LatencyHistogram.DEFAULT_BOUNDS_MS;
        long[] counts = new long[bounds.length + 1];
        if (source.latencyCountsPath() != null) {
            JsonNode array = at(body, source.latencyCountsPath());
            if (array == null || !array.isArray() || array.size() != counts.length) {
                throw new MetricsUnavailable(
                        "web metrics: " + source.latencyCountsPath() + " must be an array of " + counts.length
                                + " counts",
                        null);
            }
            for (int i = 0; i < counts.length; i++) {
                counts[i] = Math.max(0, asLong(array.get(i)));
            }
        }
        return new VersionSample(requests, errors, new LatencyHistogram(bounds, counts));
    }

    private static long number(JsonNode body, String path) {
        JsonNode node = at(body, path);
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new MetricsUnavailable("web metrics: nothing at " + path, null);
        }
        return Math.max(0, asLong(node));
    }

    private static long asLong(JsonNode node) {
        return node.isString() ? Math.round(Double.parseDouble(node.asString())) : Math.round(node.asDouble());
    }

    /** Follows {@code a.b[2].c}; null when a step is missing. */
    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            String name = part;
            List<Integer> indexes = new ArrayList<>();
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                name = part.substring(0, bracket);
                for (String idx : part.substring(bracket + 1).split("\\]\\[?")) {
                    if (!idx.isBlank()) {
                        indexes.add(Integer.parseInt(idx.replace("]", "").strip()));
                    }
                }
            }
            if (!name.isEmpty()) {
                node = node.get(name);
            }
            for (int i : indexes) {
                node = node == null ? null : node.get(i);
            }
        }
        return node;
    }
}
