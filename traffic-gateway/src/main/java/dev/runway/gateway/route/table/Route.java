package dev.runway.gateway.route.table;

import dev.runway.common.problem.FieldViolation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One service's traffic: requests whose path starts with {@code pathPrefix} go to the stable pool, or to the
 * canary pool for the share given by {@code canaryWeight} (basis points, 0–10000).
 */
public record Route(String id, String pathPrefix, List<String> stable, List<String> canary, Integer canaryWeight) {
    public static final int FULL_WEIGHT = 10_000;

    public Route {
        stable = stable == null ? List.of() : List.copyOf(stable);
        canary = canary == null ? List.of() : List.copyOf(canary);
        canaryWeight = canaryWeight == null ? 0 : canaryWeight;
    }

    /** Field-level reasons why this route cannot be served; empty when it can. */
    public List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        if (id == null || !id.matches("[a-z][a-z0-9-]{0,62}")) {
            violations.add(
                    new FieldViolation("id", "must be 1-63 lowercase letters, digits or '-', starting with a letter"));
        }
        if (pathPrefix == null || !pathPrefix.startsWith("/")) {
            violations.add(new FieldViolation("pathPrefix", "must start with '/'"));
        }
        if (stable.isEmpty()) {
            violations.add(new FieldViolation("stable", "needs at least one upstream URL"));
        }
        checkUrls("stable", stable, violations);
        checkUrls("canary", canary, violations);
        if (canaryWeight < 0 || canaryWeight > FULL_WEIGHT) {
            violations.add(new FieldViolation("canaryWeight", "must be between 0 and 10000 basis points"));
        } else if (canaryWeight > 0 && canary.isEmpty()) {
            violations.add(new FieldViolation("canaryWeight", "is above 0 but the route has no canary upstream"));
        }
        return violations;
    }

    private static void checkUrls(String field, List<String> urls, List<FieldViolation> violations) {
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            String reason = urlProblem(url);
            if (reason != null) {
                violations.add(new FieldViolation(field + "[" + i + "]", reason));
            }
        }
    }

    private static String urlProblem(String url) {
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
