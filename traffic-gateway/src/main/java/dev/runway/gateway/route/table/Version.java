package dev.runway.gateway.route.table;

/** The two pools of a route. The lower-case tag is what metrics, the store and the API use. */
public enum Version {
    STABLE,
    CANARY;

    public String tag() {
        return this == STABLE ? "stable" : "canary";
    }

    /** The version named by a tag ({@code stable}/{@code canary}, any case), or null. */
    public static Version ofTag(String tag) {
        if (tag == null) {
            return null;
        }
        return switch (tag.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "stable" -> STABLE;
            case "canary" -> CANARY;
            default -> null;
        };
    }
}
