package dev.runway.api.identity;

/** The request attribute under which the front door leaves the authenticated {@link Caller}. */
public final class CallerAttribute {
    public static final String NAME = "dev.runway.api.identity.Caller";

    private CallerAttribute() {}
}
