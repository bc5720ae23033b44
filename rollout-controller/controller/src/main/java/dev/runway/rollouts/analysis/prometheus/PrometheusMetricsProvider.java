package dev.runway.rollouts.analysis.prometheus;

import dev.runway.judge.LatencyHistogram;
import dev.runway.judge.Observation;
import dev.runway.judge.VersionSample;
import dev.runway.rollouts.analysis.MetricsProvider;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * Canary and baseline from a Prometheus server through range queries ({@code /api/v1/query_range}). Each
 * counter expression is summed and sampled at the step boundaries; the difference between two boundaries is the
 * bucket's count (see {@link PrometheusSource} for why not {@code increase()}). Histogram buckets, read per
 * {@code le}, are re-binned onto the judge's fixed bounds so that every observation of an analysis shares them
 * whatever buckets the service declares: a judge bound takes the cumulative count of the largest {@code le} at
 * or below it, so a request is never counted as faster than Prometheus knows it was.
 *
 * <p>Business metrics ({@link PrometheusSource#businessQueries()}) are the canary's value of each expression
 * at the end of each bucket, for the analysis template's absolute thresholds.
 *
 * <p>A bucket whose counter went down (a restart) or has a gap carries no evidence for that version and is
 * passed on as empty rather than guessed.
 */
public final class PrometheusMetricsProvider implements MetricsProvider {
    static final double[] BOUNDS_MS = LatencyHistogram.DEFAULT_BOUNDS_MS;
    private static final long UNKNOWN = -1;

    private final RestClient client;
    private final PrometheusSource source;

    public PrometheusMetricsProvider(RestClient client, PrometheusSource source) {
        this.client = client;
        this.source = source;
    }

    /** Whole steps from {@code from} whose last scrape has arrived. */
    @Override
    public Instant completeUpTo(Instant from, Instant to) {
        long usable = to.getEpochSecond() - source.lag() - from.getEpochSecond();
        return usable < source.step() ? from : from.plusSeconds(usable / source.step() * source.step());
    }

    @Override
    public List<Observation> read(String route, Instant from, Instant to) {
        int step = source.step();
        int buckets = (int) ((to.getEpochSecond() - from.getEpochSecond()) / step);
        if (buckets <= 0) {
            return List.of();
        }
        Range range = new Range(from, step, buckets);
        Side canary = side("canary", range);
        Side stable = side("stable", range);
        Map<String, double[]> business = new TreeMap<>();
        source.businessQueries().forEach((name, query) -> {
            JsonNode result = query(render(query, "canary"), range);
            business.put(name, result.isEmpty() ? range.values(emptySeries()) : range.values(result.get(0)));
        });
        List<Observation> out = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            Instant start = from.plusSeconds((long) i * step);
            Map<String, Double> metrics = new TreeMap<>();
            for (var metric : business.entrySet()) {
                double atEnd = metric.getValue()[i + 1];
                if (!Double.isNaN(atEnd)) {
                    metrics.put(metric.getKey(), atEnd);
                }
            }
            out.add(new Observation(start, start.plusSeconds(step), canary.sample(i), stable.sample(i), metrics));
        }
        return out;
    }

    /** Per-bucket counts of one version; {@link #UNKNOWN} where the counter could not be trusted. */
    private record Side(long[] requests, long[] errors, long[][] latencyCumulative) {
        VersionSample sample(int bucket) {
            long r = requests[bucket];
            long e = errors[bucket];
            if (r == UNKNOWN || e == UNKNOWN) {
                return new VersionSample(0, 0, LatencyHistogram.empty(BOUNDS_MS));
            }
            return new VersionSample(r, Math.min(e, r), histogram(bucket));
        }

        private LatencyHistogram histogram(int bucket) {
            long[] cumulative = latencyCumulative == null ? null : latencyCumulative[bucket];
            if (cumulative == null) {
                return LatencyHistogram.empty(BOUNDS_MS);
            }
            long[] counts = new long[BOUNDS_MS.length + 1];
            long below = 0;
            for (int i = 0; i <= BOUNDS_MS.length; i++) {
                long upTo = Math.max(below, cumulative[i]);
                counts[i] = upTo - below;
                below = upTo;
            }
            return new LatencyHistogram(BOUNDS_MS, counts);
        }
    }

    /** The boundaries of one read: {@code buckets + 1} instants {@code step} seconds apart from {@code from}. */
    record Range(Instant from, int step, int buckets) {
        Instant end() {
            return from.plusSeconds((long) buckets * step);
        }

        double[] values(JsonNode series) {
            double[] out = new double[buckets + 1];
            Arrays.fill(out, Double.NaN);
            for (JsonNode point : series.path("values")) {
                long offset = Math.round(point.get(0).asDouble()) - from.getEpochSecond();
                if (offset >= 0 && offset % step == 0 && offset / step <= buckets) {
                    String value = point.get(1).asString();
                    out[(int) (offset / step)] = value.equals("NaN") ? Double.NaN : Double.parseDouble(value);
                }
            }
            return out;
        }
    }

    private Side side(String version, Range range) {
        long[] requests = total("sum(" + render(source.requestsQuery(), version) + ")", range);
        long[] errors = total("sum(" + render(source.errorsQuery(), version) + ")", range);
        long[][] latency = source.hasLatency() ? latency(version, range) : null;
        return new Side(requests, errors, latency);
    }

    /** Bucket counts of a {@code sum(...)}: no series at all means no request yet. */
    private long[] total(String promql, Range range) {
        JsonNode result = query(promql, range);
        return result.isEmpty() ? new long[range.buckets()] : deltas(range.values(result.get(0)), range.buckets());
    }

    /**
     * Cumulative counts per bucket at each judge bound, plus the total ({@code +Inf}) last; null for a bucket
     * where any {@code le} series was untrustworthy.
     */
    private long[][] latency(String version, Range range) {
        int buckets = range.buckets();
        JsonNode result = query("sum by (le) (" + render(source.latencyBucketsQuery(), version) + ")", range);
        TreeMap<Double, long[]> byLe = new TreeMap<>();
        for (JsonNode series : result) {
            String le = series.path("metric").path("le").asString("");
            double bound;
            try {
                bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le) * 1000.0;
            } catch (NumberFormatException notAnLe) {
                throw new MetricsUnavailable(
                        "prometheus: latencyBucketsQuery must give series with an 'le' label, got "
                                + series.path("metric"),
                        null);
            }
            byLe.put(bound, deltas(range.values(series), buckets));
        }
        long[][] out = new long[buckets][];
        if (!byLe.containsKey(Double.POSITIVE_INFINITY)) {
            return out;
        }
        for (int b = 0; b < buckets; b++) {
            int bucket = b;
            if (byLe.values().stream().anyMatch(d -> d[bucket] == UNKNOWN)) {
                continue;
            }
            long[] cumulative = new long[BOUNDS_MS.length + 1];
            for (int i = 0; i < BOUNDS_MS.length; i++) {
                Map.Entry<Double, long[]> atOrBelow = byLe.floorEntry(BOUNDS_MS[i]);
                cumulative[i] = atOrBelow == null ? 0 : atOrBelow.getValue()[b];
            }
            cumulative[BOUNDS_MS.length] = byLe.get(Double.POSITIVE_INFINITY)[b];
            out[b] = cumulative;
        }
        return out;
    }

    private static JsonNode emptySeries() {
        return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    static String render(String template, String version) {
        return template.replace("{version}", version);
    }

    /**
     * Bucket counts from counter values at the {@code buckets + 1} boundaries (NaN where Prometheus had no
     * sample). A series that appears mid-range counts from zero; a drop or a gap after data makes the bucket
     * {@link #UNKNOWN}.
     */
    static long[] deltas(double[] atBoundaries, int buckets) {
        long[] out = new long[buckets];
        boolean seen = !Double.isNaN(atBoundaries[0]);
        for (int i = 0; i < buckets; i++) {
            double start = atBoundaries[i];
            double finish = atBoundaries[i + 1];
            if (Double.isNaN(finish)) {
                out[i] = seen ? UNKNOWN : 0;
            } else if (Double.isNaN(start)) {
                out[i] = seen ? UNKNOWN : Math.round(finish);
                seen = true;
            } else {
                long delta = Math.round(finish - start);
                out[i] = delta < 0 ? UNKNOWN : delta;
            }
        }
        return out;
    }

    private JsonNode query(String promql, Range range) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("query", promql);
        form.add("start", Long.toString(range.from().getEpochSecond()));
        form.add("end", Long.toString(range.end().getEpochSecond()));
        form.add("step", source.step() + "s");
        JsonNode body;
        try {
            body = client.post()
                    .uri(URI.create(source.url().replaceAll("/+$", "") + "/api/v1/query_range"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .onStatus(status -> status.value() == 400 || status.value() == 422, (request, response) -> {
                        throw new MetricsUnavailable(
                                "prometheus refused " + promql + ": "
                                        + new String(
                                                response.getBody().readAllBytes(),
                                                java.nio.charset.StandardCharsets.UTF_8),
                                null);
                    })
                    .body(JsonNode.class);
        } catch (RestClientException e) {
            throw new MetricsUnavailable("prometheus at " + source.url() + " for " + promql + ": " + e.getMessage(), e);
        }
        if (body == null || !"success".equals(body.path("status").asString(""))) {
            throw new MetricsUnavailable("prometheus answered " + body + " to " + promql, null);
        }
        return body.path("data").path("result");
    }
}
