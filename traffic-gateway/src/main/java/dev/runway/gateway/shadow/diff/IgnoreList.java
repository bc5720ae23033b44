package dev.runway.gateway.shadow.diff;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Field paths left out of a comparison. A path ignores itself and everything below it; {@code []} stands for
 * any array index, so {@code items[].id} ignores {@code items[3].id}.
 */
public final class IgnoreList {
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final List<String> paths;

    public IgnoreList(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    public boolean ignores(String path) {
        if (paths.isEmpty()) {
            return false;
        }
        String generic = INDEX.matcher(path).replaceAll("[]");
        for (String ignored : paths) {
            if (covers(ignored, path) || covers(ignored, generic)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(String ignored, String path) {
        return path.equals(ignored)
                || (path.startsWith(ignored)
                        && (path.charAt(ignored.length()) == '.' || path.charAt(ignored.length()) == '['));
    }
}
