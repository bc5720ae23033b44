package dev.runway.gateway.route.table;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the routes, swapped whole on every change so a request never sees half an update.
 *
 * <p>Lookup walks the request path's own prefixes ({@code /a/b/c}, {@code /a/b}, {@code /a}, {@code /}) in a
 * hash map, so its cost grows with the depth of the path, not with the number of routes: stock Spring Cloud
 * Gateway tests every route's predicates in turn.
 */
public final class RoutingTable {
    public static final RoutingTable EMPTY = new RoutingTable(Map.of());

    private final Map<String, Route> byPrefix;

    private RoutingTable(Map<String, Route> byPrefix) {
        this.byPrefix = byPrefix;
    }

    public static RoutingTable of(Collection<Route> routes) {
        Map<String, Route> byPrefix = new HashMap<>();
        for (Route route : routes) {
            byPrefix.put(normalise(route.pathPrefix()), route);
        }
        return new RoutingTable(Map.copyOf(byPrefix));
    }

    /** The route with the longest prefix that covers whole path segments of {@code path}. */
    public Optional<Route> match(String path) {
        String candidate = normalise(path);
        while (true) {
            Route route = byPrefix.get(candidate);
            if (route != null) {
                return Optional.of(route);
            }
            if (candidate.equals("/")) {
                return Optional.empty();
            }
            int slash = candidate.lastIndexOf('/');
            candidate = slash <= 0 ? "/" : candidate.substring(0, slash);
        }
    }

    public int size() {
        return byPrefix.size();
    }

    private static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
