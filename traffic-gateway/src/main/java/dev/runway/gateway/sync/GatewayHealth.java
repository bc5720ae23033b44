package dev.runway.gateway.sync;

import dev.runway.gateway.route.RoutingTableHolder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The data plane's health: UP while it can route, even with PostgreSQL gone (fail static), with the details
 * saying which table it serves and since when. A database outage must not take every gateway replica out
 * of the load balancer; the details are where operators see it.
 */
@Component("routing")
class GatewayHealth implements HealthIndicator {
    private final SyncState state;
    private final RoutingTableHolder table;

    GatewayHealth(SyncState state, RoutingTableHolder table) {
        this.state = state;
        this.table = table;
    }

    @Override
    public Health health() {
        SyncState.Snapshot s = state.snapshot();
        Health.Builder health = Health.up()
                .withDetail("mode", s.mode().name())
                .withDetail("since", s.since().toString())
                .withDetail("routes", table.current().size())
                .withDetail("changesApplied", s.notices());
        if (s.lastReload() != null) {
            health.withDetail("lastReload", s.lastReload().toString());
        }
        if (s.mode() == SyncState.Mode.STATIC) {
            health.withDetail(
                    "detail",
                    "PostgreSQL unreachable: routing with the last good table; changes resume when it returns");
        }
        if (s.lastError() != null) {
            health.withDetail("lastError", s.lastError());
        }
        return health.build();
    }
}
