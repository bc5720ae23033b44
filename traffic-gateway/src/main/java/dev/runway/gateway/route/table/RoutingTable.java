package dev.runway.gateway.route.table;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the routes, swapped whole on every change so a request never sees half an update.
 *
 * <p>Lookup walks the request path's own prefixes ({@code /a/b/c}, {@code /a/b}, {@code /a}, {@code /}) in a
 * hash map, so its cost grows with the depth of the path, not with the number of routes: stock Spring Cloud
 * Gateway tests every route's predicates in turn. Routes bound to a host are looked up first in that host's
 * own map (as a virtual host would be), then the routes for any host.
 */
public final class RoutingTable {
    public static final RoutingTable EMPTY = new RoutingTable(Map.of(), Map.of(), Map.of());

    private final Map<String, Route> anyHost;
    private final Map<String, Map<String, Route>> byHost;
    private final Map<String, Route> byId;

    private RoutingTable(Map<String, Route> anyHost, Map<String, Map<String, Route>> byHost, Map<String, Route> byId) {
        this.anyHost = anyHost;
        this.byHost = byHost;
        this.byId = byId;
    }

    public static RoutingTable of(Collection<Route> routes) {
        Map<String, Route> byId = new HashMap<>();
        for (Route route : routes) {
            byId.put(route.id(), route);
        }
        Map<String, Route> anyHost = new HashMap<>();
        Map<String, Map<String, Route>> byHost = new HashMap<>();
        for (Route route : byId.values()) {
            Map<String, Route> target =
                    route.host() == null ? anyHost : byHost.computeIfAbsent(route.host(), h -> new HashMap<>());
            target.put(normalise(route.pathPrefix()), route);
        }
        Map<String, Map<String, Route>> frozen = new HashMap<>();
        byHost.forEach((host, map) -> frozen.put(host, Map.copyOf(map)));
        return new RoutingTable(Map.copyOf(anyHost), Map.copyOf(frozen), Map.copyOf(byId));
    }

    /** The route with the longest prefix that covers whole path segments of {@code path}, for any host. */
    public Optional<Route> match(String path) {
        return Optional.ofNullable(longestPrefix(anyHost, normalise(path)));
    }

    /**
     * The route for this host and path: the host's own routes first, then the routes for any host. The host
     * may carry a port; a route for the bare name matches it too.
     */
    public Route match(String host, String path) {
        String normalised = normalise(path);
        if (host != null && !byHost.isEmpty()) {
            String lower = host.toLowerCase(Locale.ROOT);
            Route found = inHost(lower, normalised);
            if (found == null) {
                int colon = lower.lastIndexOf(':');
                if (colon > 0 && lower.indexOf(']') < colon) {
                    found = inHost(lower.substring(0, colon), normalised);
                }
            }
            if (found != null) {
                return found;
            }
        }
        return longestPrefix(anyHost, normalised);
    }

    private Route inHost(String host, String path) {
        Map<String, Route> routes = byHost.get(host);
        return routes == null ? null : longestPrefix(routes, path);
    }

    private static Route longestPrefix(Map<String, Route> routes, String path) {
        if (routes.isEmpty()) {
            return null;
        }
        String candidate = path;
        while (true) {
            Route route = routes.get(candidate);
            if (route != null) {
                return route;
            }
            if (candidate.equals("/")) {
                return null;
            }
            int slash = candidate.lastIndexOf('/');
            candidate = slash <= 0 ? "/" : candidate.substring(0, slash);
        }
    }

    public int size() {
        return byId.size();
    }

    public Optional<Route> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Route> routes() {
        return byId.values();
    }

    /** A new table with {@code route} added or replacing the route of the same id. */
    public RoutingTable with(Route route) {
        Map<String, Route> next = new HashMap<>(byId);
        next.put(route.id(), route);
        return of(next.values());
    }

    /** A new table without the route of this id. */
    public RoutingTable without(String id) {
        if (!byId.containsKey(id)) {
            return this;
        }
        Map<String, Route> next = new HashMap<>(byId);
        next.remove(id);
        return of(next.values());
    }

    private static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
