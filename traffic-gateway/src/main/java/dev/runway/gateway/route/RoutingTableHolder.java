package dev.runway.gateway.route;

import dev.runway.gateway.route.table.RoutingTable;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The routing table in force; replaced whole, read lock-free on every request. */
@Component
public class RoutingTableHolder {
    private final AtomicReference<RoutingTable> current = new AtomicReference<>(RoutingTable.EMPTY);

    public RoutingTable current() {
        return current.get();
    }

    void replace(RoutingTable next) {
        current.set(next);
    }
}
