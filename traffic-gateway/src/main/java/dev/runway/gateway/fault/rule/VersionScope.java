package dev.runway.gateway.fault.rule;

import dev.runway.gateway.route.table.Version;

/** Which version's requests a fault applies to. */
public enum VersionScope {
    ANY,
    STABLE,
    CANARY;

    public boolean covers(Version version) {
        return switch (this) {
            case ANY -> true;
            case STABLE -> version == Version.STABLE;
            case CANARY -> version == Version.CANARY;
        };
    }
}
