package dev.runway.judge.peers;

import dev.runway.judge.LatencyHistogram;
import dev.runway.judge.Observation;
import dev.runway.judge.VersionSample;
import java.util.List;
import java.util.function.Function;

/** What a PromQL query over a window returns for one version: error ratio and latency quantiles. */
record WindowStats(long requests, long errors, LatencyHistogram latency) {

    static WindowStats of(List<Observation> window, Function<Observation, VersionSample> side) {
        long requests = 0;
        long errors = 0;
        LatencyHistogram latency = null;
        for (Observation o : window) {
            VersionSample s = side.apply(o);
            requests += s.requests();
            errors += s.errors();
            latency = latency == null ? s.latency() : latency.plus(s.latency());
        }
        return new WindowStats(requests, errors, latency);
    }

    boolean hasData() {
        return requests > 0;
    }

    /** Error ratio; NaN without requests (PromQL's division by zero). */
    double errorRatio() {
        return requests == 0 ? Double.NaN : (double) errors / requests;
    }

    /** histogram_quantile over the window; NaN without samples. */
    double quantileMs(double q) {
        return latency == null ? Double.NaN : latency.quantileMs(q);
    }
}
