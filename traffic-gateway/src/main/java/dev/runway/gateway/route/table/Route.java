package dev.runway.gateway.route.table;

import dev.runway.common.problem.FieldViolation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One service's traffic: requests for {@code host} (any host when null) whose path starts with
 * {@code pathPrefix} go to the stable pool, or to the canary pool for the share given by {@code canaryWeight}
 * (basis points, 0–10000).
 *
 * @param stickiness the request value that keeps a user on one version; {@link Stickiness#DEFAULT} when null
 * @param audiences rings that always see the canary
 * @param versionPinning lets a request choose its version with {@value #PIN_HEADER} (for debugging; off
 *     unless enabled per route)
 * @param shadow optional mirroring with response comparison
 */
public record Route(
        String id,
        String host,
        String pathPrefix,
        List<String> stable,
        List<String> canary,
        Integer canaryWeight,
        Stickiness stickiness,
        List<Audience> audiences,
        Boolean versionPinning,
        Shadow shadow) {
    public static final int FULL_WEIGHT = 10_000;
    public static final String PIN_HEADER = "X-Runway-Version";
    static final int MAX_UPSTREAMS = 64;
    static final int MAX_AUDIENCES = 32;

    public Route {
        host = host == null || host.isBlank() ? null : host.strip().toLowerCase(Locale.ROOT);
        stable = stable == null ? List.of() : List.copyOf(stable);
        canary = canary == null ? List.of() : List.copyOf(canary);
        canaryWeight = canaryWeight == null ? 0 : canaryWeight;
        stickiness = stickiness == null ? Stickiness.DEFAULT : stickiness;
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        versionPinning = versionPinning != null && versionPinning;
    }

    /** A route with only the basics; the rest takes its defaults. */
    public static Route of(String id, String pathPrefix, List<String> stable, List<String> canary, int weight) {
        return new Route(id, null, pathPrefix, stable, canary, weight, null, null, null, null);
    }

    public Route withId(String newId) {
        return new Route(
                newId, host, pathPrefix, stable, canary, canaryWeight, stickiness, audiences, versionPinning, shadow);
    }

    public Route withWeight(int weight) {
        return new Route(id, host, pathPrefix, stable, canary, weight, stickiness, audiences, versionPinning, shadow);
    }

    public Route withAudiences(List<Audience> rings) {
        return new Route(id, host, pathPrefix, stable, canary, canaryWeight, stickiness, rings, versionPinning, shadow);
    }

    public Route withShadow(Shadow mirror) {
        return new Route(
                id, host, pathPrefix, stable, canary, canaryWeight, stickiness, audiences, versionPinning, mirror);
    }

    public boolean hasCanary() {
        return !canary.isEmpty();
    }

    public List<String> pool(Version version) {
        return version == Version.CANARY ? canary : stable;
    }

    /** Field-level reasons why this route cannot be served; empty when it can. */
    public List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        if (id == null || !id.matches("[a-z][a-z0-9-]{0,62}")) {
            violations.add(
                    new FieldViolation("id", "must be 1-63 lowercase letters, digits or '-', starting with a letter"));
        }
        if (host != null && !host.matches("[a-z0-9.-]{1,253}(:[0-9]{1,5})?")) {
            violations.add(new FieldViolation("host", "must be a host name (optionally with a port)"));
        }
        if (pathPrefix == null || !pathPrefix.startsWith("/") || pathPrefix.contains("?")) {
            violations.add(new FieldViolation("pathPrefix", "must start with '/' and hold no query"));
        }
        if (stable.isEmpty()) {
            violations.add(new FieldViolation("stable", "needs at least one upstream URL"));
        }
        if (stable.size() > MAX_UPSTREAMS || canary.size() > MAX_UPSTREAMS) {
            violations.add(new FieldViolation(
                    stable.size() > MAX_UPSTREAMS ? "stable" : "canary", "at most " + MAX_UPSTREAMS + " upstreams"));
        }
        checkUrls("stable", stable, violations);
        checkUrls("canary", canary, violations);
        checkWeight(canaryWeight, canary, violations);
        stickiness.check("stickiness", violations);
        if (audiences.size() > MAX_AUDIENCES) {
            violations.add(new FieldViolation("audiences", "at most " + MAX_AUDIENCES + " audiences"));
        }
        for (int i = 0; i < audiences.size(); i++) {
            Audience audience = audiences.get(i);
            if (audience == null) {
                violations.add(new FieldViolation("audiences[" + i + "]", "must not be null"));
            } else {
                audience.check("audiences[" + i + "]", violations);
            }
        }
        if (!audiences.isEmpty() && canary.isEmpty()) {
            violations.add(new FieldViolation("audiences", "send requests to the canary but the route has none"));
        }
        if (shadow != null) {
            shadow.check("shadow", violations);
        }
        return violations;
    }

    /** The weight rule alone, for the weight endpoint that changes nothing else. */
    public static void checkWeight(int weight, List<String> canary, List<FieldViolation> violations) {
        if (weight < 0 || weight > FULL_WEIGHT) {
            violations.add(new FieldViolation("canaryWeight", "must be between 0 and 10000 basis points"));
        } else if (weight > 0 && canary.isEmpty()) {
            violations.add(new FieldViolation("canaryWeight", "is above 0 but the route has no canary upstream"));
        }
    }

    private static void checkUrls(String field, List<String> urls, List<FieldViolation> violations) {
        for (int i = 0; i < urls.size(); i++) {
            String reason = urlProblem(urls.get(i));
            if (reason != null) {
                violations.add(new FieldViolation(field + "[" + i + "]", reason));
            }
        }
    }

    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "must be an http or https URL";
        }
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                return "must be an http or https URL, got '" + url + "'";
            }
            if (uri.getHost() == null) {
                return "has no host: '" + url + "'";
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return "must not carry a query or fragment";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
    }
}
