package dev.runway.gateway.route;

import dev.runway.gateway.route.table.RoutingTable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Reads the stored routes into the routing table at start-up and after each change. */
@Component
class RouteLoader {
    private final RouteStore store;
    private final RoutingTableHolder table;

    RouteLoader(RouteStore store, RoutingTableHolder table) {
        this.store = store;
        this.table = table;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reload() {
        table.replace(RoutingTable.of(store.all()));
    }
}
