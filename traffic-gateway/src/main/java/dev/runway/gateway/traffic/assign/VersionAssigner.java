package dev.runway.gateway.traffic.assign;

import dev.runway.gateway.route.table.Audience;
import dev.runway.gateway.route.table.KeySource;
import dev.runway.gateway.route.table.Route;
import dev.runway.gateway.route.table.Version;
import java.util.function.IntSupplier;

/**
 * Decides which version serves a request, in this order:
 *
 * <ol>
 *   <li>no canary pool: stable;
 *   <li>the pin header, when the route enables it: the version it names (for debugging a canary by hand);
 *   <li>a ring (audience) match: canary, whatever the weight, so ring 0 sees a release before anyone;
 *   <li>a sticky key: canary iff its bucket is below the weight, the same answer on every request;
 *   <li>no key: a fresh draw per request, the best that can be done without one.
 * </ol>
 */
public final class VersionAssigner {
    private VersionAssigner() {}

    /**
     * @param stickyKey the key read (or issued) for the route's stickiness, or null when there is none
     * @param draw a uniform draw in 0..9999, used only for keyless requests
     */
    public static Assignment assign(Route route, RequestView request, String stickyKey, IntSupplier draw) {
        if (!route.hasCanary()) {
            return new Assignment(Version.STABLE, Assignment.Reason.NO_CANARY, -1);
        }
        if (route.versionPinning()) {
            Version pinned = Version.ofTag(request.header(Route.PIN_HEADER));
            if (pinned != null) {
                return new Assignment(pinned, Assignment.Reason.PINNED, -1);
            }
        }
        for (Audience audience : route.audiences()) {
            String value = audience.source() == KeySource.HEADER
                    ? request.header(audience.key())
                    : request.cookie(audience.key());
            if (audience.matches(value)) {
                return new Assignment(Version.CANARY, Assignment.Reason.AUDIENCE, -1);
            }
        }
        if (stickyKey != null && !stickyKey.isEmpty()) {
            int bucket = Bucketing.bucket(route.id(), stickyKey);
            return new Assignment(
                    bucket < route.canaryWeight() ? Version.CANARY : Version.STABLE, Assignment.Reason.STICKY, bucket);
        }
        boolean canary = route.canaryWeight() > 0 && draw.getAsInt() < route.canaryWeight();
        return new Assignment(canary ? Version.CANARY : Version.STABLE, Assignment.Reason.DRAW, -1);
    }

    /** The sticky key the route's stickiness reads from this request, or null; issued cookies read as cookies. */
    public static String stickyKey(Route route, RequestView request) {
        var stickiness = route.stickiness();
        return stickiness.source() == KeySource.HEADER
                ? request.header(stickiness.name())
                : request.cookie(stickiness.name());
    }
}
