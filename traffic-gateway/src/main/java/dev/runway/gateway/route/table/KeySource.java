package dev.runway.gateway.route.table;

/** Where a request value is read from. */
public enum KeySource {
    HEADER,
    COOKIE,
    /** A cookie the gateway sets itself on the first visit, so browsers get stickiness with no set-up. */
    ISSUED_COOKIE
}
