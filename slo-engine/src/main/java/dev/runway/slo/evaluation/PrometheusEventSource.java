package dev.runway.slo.evaluation;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.budget.TimeSlices;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    /** Slices this close to the last one judged are asked again: scrapes and rule evaluations may arrive late. */
    static final Duration SLICE_RECHECK = Duration.ofMinutes(5);
    /** Points per range query; Prometheus refuses more than 11,000 per series. */
    static final int MAX_POINTS = 10_000;

    private final RestClient prometheus;
    private final Map<SliceKey, SliceState> slices = new HashMap<>();

    /** An SLO's slicing: the same indicator with another slice or target is judged apart. */
    private record SliceKey(Indicator.PrometheusRatio ratio, Duration slice, double target) {}

    /** Verdicts so far, and the end of the last slice judged (null before the first cycle). */
    private static final class SliceState {
        final TimeSlices slices;
        Instant judgedUpTo;
        Instant lastAsked = Instant.EPOCH;

        SliceState(TimeSlices slices) {
            this.slices = slices;
        }
    }

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

    /**
     * Time slices from range queries: the total and the good (or bad) query rendered with the slice as the window,
     * evaluated at every slice's end ({@code step} = slice), so each point is one slice's increase. A slice is
     * judged once it has ended. Verdicts are kept between cycles: a cycle asks only for the slices since the last
     * one judged, minus {@link #SLICE_RECHECK} for scrapes and rule evaluations that arrive late; the first cycle
     * reads the whole window in ranges of at most {@link #MAX_POINTS} points (Prometheus refuses more than 11,000
     * per series).
     *
     * <p>{@code increase} takes a slice's increase from the samples inside it, Prometheus's own rule, so a counter
     * step between the last sample of one slice and the first of the next counts in neither; with a scrape
     * interval well below the slice the loss is small and it never turns a good slice bad.
     */
    @Override
    public synchronized Reading timeslices(
            Indicator indicator, Duration slice, double sliceTarget, Set<Duration> windows, Instant now) {
        if (!(indicator instanceof Indicator.PrometheusRatio ratio)) {
            throw new IllegalArgumentException("not a Prometheus indicator");
        }
        // an SLO deleted or re-sliced leaves its state behind: drop what no cycle has asked for in an hour
        slices.values().removeIf(unused -> unused.lastAsked.isBefore(now.minus(Duration.ofHours(1))));
        SliceState state = slices.computeIfAbsent(
                new SliceKey(ratio, slice, sliceTarget), key -> new SliceState(new TimeSlices(slice)));
        state.lastAsked = now;
        Duration longest = new TreeSet<>(windows).last();
        Instant oldest = state.slices.sliceOf(now.minus(longest));
        Instant ended = state.slices.sliceOf(now);
        Instant from = state.judgedUpTo == null
                        || state.judgedUpTo.minus(SLICE_RECHECK).isBefore(oldest)
                ? oldest
                : state.slices.sliceOf(state.judgedUpTo.minus(SLICE_RECHECK));
        long step = slice.toSeconds();
        for (Instant chunk = from; chunk.isBefore(ended); chunk = chunk.plusSeconds(step * MAX_POINTS)) {
            Instant chunkEnd = min(ended, chunk.plusSeconds(step * MAX_POINTS));
            // points at each slice's end: chunk + step … chunkEnd
            Map<Long, Double> totals = range(ratio.total(), slice, chunk.plusSeconds(step), chunkEnd);
            Map<Long, Double> others =
                    range(ratio.good() != null ? ratio.good() : ratio.bad(), slice, chunk.plusSeconds(step), chunkEnd);
            for (Instant start = chunk; start.isBefore(chunkEnd); start = start.plusSeconds(step)) {
                long end = start.getEpochSecond() + step;
                double total = totals.getOrDefault(end, 0.0);
                double other = Math.min(total, others.getOrDefault(end, 0.0));
                double good = ratio.good() != null ? other : total - other;
                state.slices.judge(start, TimeSlices.isBad(total, good, sliceTarget));
            }
        }
        state.judgedUpTo = ended;
        state.slices.forgetBefore(oldest);
        return (asked, window) -> {
            if (!asked.equals(indicator) || !windows.contains(window)) {
                throw new IllegalArgumentException("not read: " + asked + " over " + window);
            }
            return state.slices.count(window, now);
        };
    }

    /** One query's value at each evaluation instant (epoch seconds), summed over the series it returns. */
    private Map<Long, Double> range(String query, Duration window, Instant start, Instant end) {
        String promql = render(query, window);
        JsonNode answer = ask(
                "/api/v1/query_range",
                promql,
                Map.of(
                        "start", String.valueOf(start.getEpochSecond()),
                        "end", String.valueOf(end.getEpochSecond()),
                        "step", window.toSeconds() + "s"));
        Map<Long, Double> sums = new HashMap<>();
        for (JsonNode series : answer.path("data").path("result")) {
            for (JsonNode point : series.path("values")) {
                double v = Double.parseDouble(point.get(1).asString());
                sums.merge(Math.round(point.get(0).asDouble()), Double.isNaN(v) ? 0 : v, Double::sum);
            }
        }
        return sums;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
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
        JsonNode answer = ask("/api/v1/query", render(query, window), Map.of("time", at));
        double sum = 0;
        for (JsonNode series : answer.path("data").path("result")) {
            double v = Double.parseDouble(series.path("value").get(1).asString());
            sum += Double.isNaN(v) ? 0 : v;
        }
        return sum;
    }

    /** One call to the HTTP API; a refusal or an unreachable server is {@link SourceUnavailable}. */
    private JsonNode ask(String path, String promql, Map<String, String> parameters) {
        JsonNode answer;
        try {
            answer = prometheus
                    .get()
                    .uri(uri -> {
                        uri.path(path).queryParam("query", "{q}");
                        parameters.forEach(uri::queryParam);
                        return uri.build(promql);
                    })
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
        return answer;
    }
}
