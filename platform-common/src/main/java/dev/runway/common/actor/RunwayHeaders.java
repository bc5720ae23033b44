package dev.runway.common.actor;

/** Headers that carry identity and intent between the platform's services. */
public final class RunwayHeaders {
    /** Shared secret proving that the caller is one of the platform's services (or the front door). */
    public static final String INTERNAL_TOKEN = "X-Runway-Internal-Token";
    /** The person, token or service on whose behalf the call is made. */
    public static final String ACTOR = "X-Runway-Actor";

    public static final String ACTOR_KIND = "X-Runway-Actor-Kind";
    /** Roles the front door authenticated for the actor, comma-separated (viewer, deployer, sre, admin). */
    public static final String ACTOR_ROLES = "X-Runway-Actor-Roles";
    /** Why the change is made; stored with the audit record. */
    public static final String REASON = "X-Runway-Reason";

    private RunwayHeaders() {}
}
