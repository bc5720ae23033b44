package dev.runway.gateway.route;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The change stream between gateway replicas: every transaction that changes routes or faults sends a
 * notice on {@value #CHANNEL}. PostgreSQL delivers it only when the transaction commits, so a replica never
 * reloads a change that was rolled back, and it reaches every replica listening at that moment.
 *
 * <p>Payloads: {@code route:<id>} (reload that route), {@code faults} (reload the faults), {@code all}.
 */
public final class TrafficChanges {
    public static final String CHANNEL = "traffic_changes";
    public static final String ROUTE_PREFIX = "route:";
    public static final String FAULTS = "faults";
    public static final String ALL = "all";

    private TrafficChanges() {}

    /** Call inside the transaction of the change. */
    public static void publish(JdbcClient jdbc, String payload) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)")
                .param("channel", CHANNEL)
                .param("payload", payload)
                .query((rs, row) -> 1)
                .list();
    }
}
