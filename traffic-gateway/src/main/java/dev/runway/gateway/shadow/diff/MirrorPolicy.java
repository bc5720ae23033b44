package dev.runway.gateway.shadow.diff;

import dev.runway.gateway.route.table.Shadow;

/**
 * Which requests are copied to the shadow: only the safe methods (GET, HEAD, OPTIONS) unless the route
 * declares its shadow sandboxed for writes, and of those the route's share.
 */
public final class MirrorPolicy {
    private MirrorPolicy() {}

    /** @param draw a uniform draw in 0..9999 */
    public static boolean copies(Shadow shadow, String method, int draw) {
        if (shadow == null || shadow.basisPoints() == 0) {
            return false;
        }
        return (isSafe(method) || shadow.allowWrites()) && draw < shadow.basisPoints();
    }

    public static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
