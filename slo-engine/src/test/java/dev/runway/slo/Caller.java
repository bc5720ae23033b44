package dev.runway.slo;

import dev.runway.testkit.ServiceClient;

/**
 * Callers as the front door forwards them: an actor of a kind with the roles it authenticated. Editing policy,
 * SLOs and probes needs a person with a role, so the test kit's default caller (no roles) is refused.
 */
public final class Caller {
    private Caller() {}

    /** A site reliability engineer: user {@code sre-sam} with role {@code sre}. */
    public static ServiceClient sre(int port) {
        return at(port, "sre-sam", "USER", "sre");
    }

    /** {@code roles} comma-separated, or null for none. */
    public static ServiceClient at(int port, String actor, String kind, String roles) {
        ServiceClient client = ServiceClient.at(port).as(actor, kind);
        return roles == null ? client : client.withRoles(roles.split(","));
    }
}
