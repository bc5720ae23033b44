package dev.runway.gateway.traffic.assign;

/** What the assignment may read from a request: nothing else, so the rules stay testable as tables. */
public interface RequestView {
    /** First value of the header, or null. */
    String header(String name);

    /** Value of the cookie, or null. */
    String cookie(String name);
}
