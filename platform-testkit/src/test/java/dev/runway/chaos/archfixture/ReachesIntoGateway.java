package dev.runway.chaos.archfixture;

import dev.runway.gateway.archfixture.GatewayInternals;

/** A service calling another's code directly instead of its API: what the rule forbids. */
public class ReachesIntoGateway {
    public int weight() {
        return GatewayInternals.weight();
    }
}
