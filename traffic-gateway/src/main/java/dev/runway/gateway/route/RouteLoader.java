package dev.runway.gateway.route;

import dev.runway.gateway.route.table.RoutingTable;
import org.springframework.stereotype.Component;

/**
 * Reads stored routes into the routing table: all of them when the change stream (re)connects, one route
 * when a notice names it.
 *
 * <p>Reloads are serialised: each one reads and swaps under the same lock, so a slow reader can never swap in
 * a table older than one a faster reader has already installed.
 */
@Component
public class RouteLoader {
    private final RouteStore store;
    private final RoutingTableHolder table;

    RouteLoader(RouteStore store, RoutingTableHolder table) {
        this.store = store;
        this.table = table;
    }

    public synchronized int reloadAll() {
        RoutingTable next = RoutingTable.of(store.all());
        table.replace(next);
        return next.size();
    }

    public synchronized void reloadRoute(String id) {
        RoutingTable current = table.current();
        table.replace(store.find(id).map(current::with).orElseGet(() -> current.without(id)));
    }
}
