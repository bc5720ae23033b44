package dev.runway.common.actor;

import java.util.Objects;

/** The party on whose behalf a request is made; every audited change names one. */
public record Actor(String name, ActorKind kind) {
    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public static Actor system(String component) {
        return new Actor(component, ActorKind.SYSTEM);
    }

    public static Actor service(String service) {
        return new Actor(service, ActorKind.SERVICE);
    }
}
