package dev.runway.common.actor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Who asks and why: resolved once per request from trusted headers and handed to whatever it changes, so
 * that the audit record and any onward call carry the same identity.
 */
public record AuditContext(Actor actor, String reason, Set<String> roles) {
    /**
     * The request attribute under which the platform's filters leave the caller's context for the handler
     * argument resolvers (MVC and WebFlux); the front door sets it after authenticating a person or a token.
     */
    public static final String REQUEST_ATTRIBUTE = AuditContext.class.getName();

    /** Longest reason kept; longer text is cut rather than refused so that an emergency is never blocked. */
    public static final int MAX_REASON = 2000;

    public AuditContext {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        reason = reason == null ? "" : reason.strip();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
    }

    /** A caller without platform roles: services acting on their own, or calls from before the front door. */
    public AuditContext(Actor actor, String reason) {
        this(actor, reason, Set.of());
    }

    /**
     * Whether the front door authenticated the caller with this role (viewer, deployer, sre, admin). Admin
     * holds every role.
     */
    public boolean hasRole(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT)) || roles.contains("admin");
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
        if (!roles.isEmpty()) {
            header.accept(
                    RunwayHeaders.ACTOR_ROLES,
                    String.join(",", roles.stream().sorted().toList()));
        }
    }

    /**
     * Reads identity from request headers; callers that passed the internal-token check are trusted to name
     * the actor. A call without one is attributed to the internal caller itself.
     */
    public static AuditContext fromHeaders(String actor, String kind, String reason) {
        return fromHeaders(actor, kind, reason, null);
    }

    /**
     * As {@link #fromHeaders(String, String, String)}, with the roles the front door resolved for the caller
     * (comma-separated, case-insensitive). Only the front door, holding the internal token, can set them.
     */
    public static AuditContext fromHeaders(String actor, String kind, String reason, String roles) {
        String name = actor == null || actor.isBlank() ? "internal" : actor.strip();
        ActorKind actorKind;
        try {
            actorKind = kind == null || kind.isBlank() ? ActorKind.SERVICE : ActorKind.valueOf(kind.strip());
        } catch (IllegalArgumentException unknownKind) {
            actorKind = ActorKind.SERVICE;
        }
        Set<String> roleSet = roles == null || roles.isBlank()
                ? Set.of()
                : Arrays.stream(roles.split(","))
                        .map(role -> role.strip().toLowerCase(Locale.ROOT))
                        .filter(role -> !role.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        return new AuditContext(new Actor(name, actorKind), reason, roleSet);
    }
}
