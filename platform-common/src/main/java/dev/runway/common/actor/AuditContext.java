package dev.runway.common.actor;

import java.util.function.BiConsumer;

/**
 * Who asks and why: resolved once per request from trusted headers and handed to whatever it changes, so
 * that the audit record and any onward call carry the same identity.
 */
public record AuditContext(Actor actor, String reason) {
    /** Longest reason kept; longer text is cut rather than refused so that an emergency is never blocked. */
    public static final int MAX_REASON = 2000;

    public AuditContext {
        reason = reason == null ? "" : reason.strip();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
    }

    public static AuditContext system(String component, String reason) {
        return new AuditContext(Actor.system(component), reason);
    }

    /** Passes identity on to a call to another platform service. */
    public void writeHeaders(BiConsumer<String, String> header) {
        header.accept(RunwayHeaders.ACTOR, actor.name());
        header.accept(RunwayHeaders.ACTOR_KIND, actor.kind().name());
        if (!reason.isEmpty()) {
            header.accept(RunwayHeaders.REASON, reason);
        }
    }

    /**
     * Reads identity from request headers; callers that passed the internal-token check are trusted to name
     * the actor. A call without one is attributed to the internal caller itself.
     */
    public static AuditContext fromHeaders(String actor, String kind, String reason) {
        String name = actor == null || actor.isBlank() ? "internal" : actor.strip();
        ActorKind actorKind;
        try {
            actorKind = kind == null || kind.isBlank() ? ActorKind.SERVICE : ActorKind.valueOf(kind.strip());
        } catch (IllegalArgumentException unknownKind) {
            actorKind = ActorKind.SERVICE;
        }
        return new AuditContext(new Actor(name, actorKind), reason);
    }
}
