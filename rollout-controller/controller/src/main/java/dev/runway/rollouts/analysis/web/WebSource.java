package dev.runway.rollouts.analysis.web;

import dev.runway.common.problem.FieldViolation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the {@code web} provider reads: a URL template answered with JSON per version and window, and the
 * paths of the figures in it.
 *
 * @param url with {@code {version}} (canary or stable), {@code {from}} and {@code {to}} (ISO-8601 instants),
 *     e.g. {@code https://metrics.example/api/summary?track={version}&from={from}&to={to}}
 * @param requestsPath path of the request count, e.g. {@code data.requests} or {@code result[0].value}
 * @param errorsPath path of the server-error count
 * @param latencyCountsPath optional path of an array of counts per latency bound (the judge's bounds plus an
 *     overflow bucket); without it the analysis judges errors (and business thresholds) only
 */
public record WebSource(String url, String requestsPath, String errorsPath, String latencyCountsPath) {

    public List<FieldViolation> violations(String field) {
        List<FieldViolation> v = new ArrayList<>();
        if (url == null || !url.contains("{version}")) {
            v.add(new FieldViolation(field + ".url", "is required and must contain {version}"));
        } else {
            try {
                URI uri = URI.create(
                        url.replace("{version}", "x").replace("{from}", "x").replace("{to}", "x"));
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    v.add(new FieldViolation(field + ".url", "must be an http(s) URL"));
                }
            } catch (IllegalArgumentException e) {
                v.add(new FieldViolation(field + ".url", "is not a valid URL"));
            }
        }
        if (requestsPath == null || requestsPath.isBlank()) {
            v.add(new FieldViolation(field + ".requestsPath", "is required"));
        }
        if (errorsPath == null || errorsPath.isBlank()) {
            v.add(new FieldViolation(field + ".errorsPath", "is required"));
        }
        return v;
    }
}
