package dev.runway.api.frontdoor;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/** Finds the most specific route for a request, as Spring MVC picks among handler mappings. */
public final class RouteTable {
    private record Compiled(Route route, PathPattern pattern) {}

    /** A route that matched, with the values of its path variables. */
    public record Match(Route route, Map<String, String> variables) {}

    private final List<Compiled> routes;

    public RouteTable(List<Route> routes) {
        this.routes = routes.stream()
                .map(route -> new Compiled(route, route.parsed()))
                .sorted(Comparator.comparing(Compiled::pattern, PathPattern.SPECIFICITY_COMPARATOR))
                .toList();
    }

    public Optional<Match> match(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Compiled compiled : routes) {
            if (!compiled.route().methods().contains(method)) {
                continue;
            }
            PathPattern.PathMatchInfo info = compiled.pattern().matchAndExtract(container);
            if (info != null) {
                return Optional.of(new Match(compiled.route(), info.getUriVariables()));
            }
        }
        return Optional.empty();
    }
}
