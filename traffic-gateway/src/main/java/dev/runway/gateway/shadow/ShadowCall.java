package dev.runway.gateway.shadow;

import dev.runway.gateway.route.table.Route;
import dev.runway.gateway.shadow.diff.CapturedResponse;
import java.util.concurrent.CompletableFuture;

/**
 * One mirrored request: the primary's answer (filled in by the traffic path when the caller has been
 * served), the shadow's and, when the route has one, the second primary's. The comparison starts when all
 * are in; a missing primary (the caller went away) cancels it.
 */
public final class ShadowCall {
    final Route route;
    final CompletableFuture<CapturedResponse> primary = new CompletableFuture<>();
    final int captureLimit;

    ShadowCall(Route route, int captureLimit) {
        this.route = route;
        this.captureLimit = captureLimit;
    }

    /** Wraps the caller's response so that its body is copied for the comparison as it is written. */
    public CapturingResponse capture(org.springframework.http.server.reactive.ServerHttpResponse response) {
        return new CapturingResponse(response, captureLimit);
    }

    /** The caller has been served with this response. */
    public void primaryFinished(CapturingResponse response) {
        primary.complete(response.captured(route.shadow().compareHeaders()));
    }

    /** The caller's exchange ended without a complete response; nothing to compare. */
    public void primaryAbandoned() {
        primary.complete(null);
    }
}
