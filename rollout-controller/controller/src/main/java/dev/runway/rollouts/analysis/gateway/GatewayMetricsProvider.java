package dev.runway.rollouts.analysis.gateway;

import dev.runway.judge.LatencyHistogram;
import dev.runway.judge.Observation;
import dev.runway.judge.VersionSample;
import dev.runway.rollouts.analysis.MetricsProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The gateway's built-in store through {@code GET /api/v1/routes/{id}/metrics?from&to&series=true}: one
 * observation per 5 s bucket, stable as the baseline. Buckets with no request on either side are skipped
 * (they carry no evidence); buckets without a canary request still count for the baseline's history,
 * which the latency test uses for its quantile bounds.
 */
public final class GatewayMetricsProvider implements MetricsProvider {
    private final RestClient client;

    public GatewayMetricsProvider(RestClient client) {
        this.client = client;
    }

    record Row(
            String version,
            int resolutionSeconds,
            Instant bucketStart,
            long requests,
            long serverErrors,
            long[] latencyCounts) {}

    record Window(double[] boundsMs, List<Row> series) {}

    @Override
    public List<Observation> read(String route, Instant from, Instant to) {
        Window window;
        try {
            window = client.get()
                    .uri(b -> b.path("/api/v1/routes/{id}/metrics")
                            .queryParam("from", from.toString())
                            .queryParam("to", to.toString())
                            .queryParam("series", true)
                            .build(route))
                    .retrieve()
                    .body(Window.class);
        } catch (RestClientException e) {
            throw new MetricsUnavailable("gateway metrics for " + route + ": " + e.getMessage(), e);
        }
        if (window == null || window.series() == null) {
            return List.of();
        }
        Map<Instant, Row[]> byBucket = new TreeMap<>();
        for (Row row : window.series()) {
            Row[] pair = byBucket.computeIfAbsent(row.bucketStart(), k -> new Row[2]);
            pair["canary".equals(row.version()) ? 0 : 1] = row;
        }
        List<Observation> out = new ArrayList<>();
        for (var e : byBucket.entrySet()) {
            Row canary = e.getValue()[0];
            Row stable = e.getValue()[1];
            int seconds = canary != null ? canary.resolutionSeconds() : stable.resolutionSeconds();
            Instant end = e.getKey().plusSeconds(seconds);
            if (e.getKey().isBefore(from) || end.isAfter(to)) {
                continue;
            }
            out.add(new Observation(
                    e.getKey(), end, sample(canary, window.boundsMs()), sample(stable, window.boundsMs())));
        }
        return out;
    }

    private static VersionSample sample(Row row, double[] bounds) {
        if (row == null || row.latencyCounts() == null) {
            return new VersionSample(0, 0, new LatencyHistogram(bounds, new long[bounds.length + 1]));
        }
        return new VersionSample(
                row.requests(),
                Math.min(row.serverErrors(), row.requests()),
                new LatencyHistogram(bounds, row.latencyCounts()));
    }
}
