package dev.runway.slo.probe;

import dev.runway.common.problem.FieldViolation;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A synthetic journey: requests made in order against one base URL, each with assertions, every
 * {@code interval}.
 *
 * @param baseUrl where the journey goes; absent with {@code viaGateway}, which sends it through the gateway's
 *     traffic port ({@code runway.slo.probes.gateway-url})
 * @param version through the gateway, pin the journey to {@code stable} or {@code canary} with the gateway's
 *     version pin header (the route must allow pinning)
 * @param failuresToAlert consecutive failed runs that raise the probe's alert (2)
 * @param alertTier {@code page} or {@code ticket} (default)
 */
public record ProbeSpec(
        String name,
        String service,
        String interval,
        String baseUrl,
        Boolean viaGateway,
        String version,
        List<Step> steps,
        Integer failuresToAlert,
        String alertTier) {

    /**
     * @param method GET (default), HEAD, POST, PUT, PATCH or DELETE
     * @param path starts with {@code /}
     * @param headers sent as given, except that {@code ${secret:NAME}} in a value is a secret the engine holds (see
     *     {@link ProbeSecrets}); a header that carries credentials (Authorization, Cookie, *token*, ...) must use one
     */
    public record Step(
            String name, String method, String path, Map<String, String> headers, String body, Expect expect) {}

    /**
     * @param status the status expected (200 when absent)
     * @param bodyContains text the body must contain
     * @param maxLatencyMs the longest the request may take, from sending to the whole body read
     */
    public record Expect(Integer status, String bodyContains, Long maxLatencyMs) {}

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    static final Duration SHORTEST = Duration.ofSeconds(10);
    static final Duration LONGEST = Duration.ofHours(1);

    public ProbeSpec {
        viaGateway = viaGateway != null && viaGateway;
        failuresToAlert = failuresToAlert == null ? 2 : failuresToAlert;
        alertTier = alertTier == null ? "ticket" : alertTier;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    Duration intervalDuration() {
        return Duration.parse(interval);
    }

    public List<FieldViolation> violations() {
        List<FieldViolation> v = new ArrayList<>();
        if (name == null || !name.matches("[a-z][a-z0-9-]{1,62}")) {
            v.add(new FieldViolation("name", "must be 2-63 lowercase letters, digits or '-', starting with a letter"));
        }
        if (service == null || !service.matches("[a-z][a-z0-9-]{1,62}")) {
            v.add(new FieldViolation("service", "must name a service"));
        }
        try {
            Duration every = interval == null ? null : Duration.parse(interval);
            if (every == null || every.compareTo(SHORTEST) < 0 || every.compareTo(LONGEST) > 0) {
                v.add(new FieldViolation("interval", "must be an ISO-8601 duration from PT10S to PT1H"));
            }
        } catch (DateTimeParseException e) {
            v.add(new FieldViolation("interval", "must be an ISO-8601 duration from PT10S to PT1H"));
        }
        if (viaGateway && baseUrl != null) {
            v.add(new FieldViolation("baseUrl", "give either baseUrl or viaGateway, not both"));
        } else if (!viaGateway && !isHttpUrl(baseUrl)) {
            v.add(new FieldViolation("baseUrl", "must be an absolute http(s) URL, or set viaGateway"));
        }
        if (version != null && (!viaGateway || !Set.of("stable", "canary").contains(version))) {
            v.add(new FieldViolation("version", "is stable or canary, and only with viaGateway"));
        }
        if (failuresToAlert < 1 || failuresToAlert > 100) {
            v.add(new FieldViolation("failuresToAlert", "must be between 1 and 100"));
        }
        if (!Set.of("page", "ticket").contains(alertTier)) {
            v.add(new FieldViolation("alertTier", "must be page or ticket"));
        }
        if (steps.isEmpty() || steps.size() > 20) {
            v.add(new FieldViolation("steps", "a journey has 1 to 20 steps"));
        }
        for (int i = 0; i < steps.size(); i++) {
            stepViolations("steps[" + i + "].", steps.get(i), v);
        }
        return v;
    }

    private static void stepViolations(String at, Step step, List<FieldViolation> v) {
        if (step == null) {
            v.add(new FieldViolation(at.substring(0, at.length() - 1), "is required"));
            return;
        }
        if (step.method() != null && !METHODS.contains(step.method())) {
            v.add(new FieldViolation(
                    at + "method", "must be one of " + METHODS.stream().sorted().toList()));
        }
        if (step.headers() != null) {
            step.headers().forEach((header, value) -> {
                if (isCredential(header) && ProbeSecrets.referenced(value).isEmpty()) {
                    // a credential in the spec would be stored, audited and shown: it must come from a secret
                    v.add(new FieldViolation(
                            at + "headers." + header,
                            "credentials are not stored: reference a secret (Bearer ${secret:NAME}) and set "
                                    + ProbeSecrets.ENV_PREFIX + "NAME on the slo-engine"));
                }
            });
        }
        if (step.path() == null || !step.path().startsWith("/")) {
            v.add(new FieldViolation(at + "path", "must start with /"));
        }
        Expect expect = step.expect();
        if (expect != null) {
            if (expect.status() != null && (expect.status() < 100 || expect.status() > 599)) {
                v.add(new FieldViolation(at + "expect.status", "must be an HTTP status, 100 to 599"));
            }
            if (expect.maxLatencyMs() != null && expect.maxLatencyMs() <= 0) {
                v.add(new FieldViolation(at + "expect.maxLatencyMs", "must be positive"));
            }
        }
    }

    /** Headers that carry credentials by their name; their values must be secret references. */
    static boolean isCredential(String header) {
        String name = header == null ? "" : header.toLowerCase(java.util.Locale.ROOT);
        return Set.of("authorization", "proxy-authorization", "cookie").contains(name)
                || name.contains("token")
                || name.contains("secret")
                || name.contains("password")
                || name.contains("api-key")
                || name.contains("apikey");
    }

    private static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
