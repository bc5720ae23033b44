package dev.runway.gateway.shadow.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares two answers field by field: the status, the chosen headers, and the body, as a JSON tree when both
 * bodies are JSON (otherwise as bytes). Object members are matched by name whatever their order; arrays by
 * index. Reports at most {@value #MAX_DIFFS} differences per pair so that one huge answer cannot flood the
 * summary.
 */
public final class ResponseDiffer {
    static final int MAX_DIFFS = 100;
    static final int MAX_SHOWN = 120;

    private final JsonMapper json;

    public ResponseDiffer(JsonMapper json) {
        this.json = json;
    }

    public List<FieldDiff> diff(
            CapturedResponse left, CapturedResponse right, List<String> headers, IgnoreList ignore) {
        List<FieldDiff> diffs = new ArrayList<>();
        if (left.status() != right.status()) {
            add(diffs, ignore, "status", String.valueOf(left.status()), String.valueOf(right.status()));
        }
        for (String header : headers) {
            String name = header.toLowerCase(Locale.ROOT);
            String a = left.headers().get(name);
            String b = right.headers().get(name);
            if (a == null ? b != null : !a.equals(b)) {
                add(diffs, ignore, "header:" + name, a, b);
            }
        }
        if (!left.truncated() && !right.truncated()) {
            diffBodies(left.body(), right.body(), ignore, diffs);
        }
        return diffs;
    }

    private void diffBodies(byte[] a, byte[] b, IgnoreList ignore, List<FieldDiff> diffs) {
        JsonNode left = parse(a);
        JsonNode right = parse(b);
        if (left != null && right != null) {
            diffNodes("", left, right, ignore, diffs);
        } else if (!java.util.Arrays.equals(a, b)) {
            add(diffs, ignore, "body", text(a), text(b));
        }
    }

    private void diffNodes(String path, JsonNode a, JsonNode b, IgnoreList ignore, List<FieldDiff> diffs) {
        if (diffs.size() >= MAX_DIFFS || (!path.isEmpty() && ignore.ignores(path))) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new HashSet<>();
            for (Map.Entry<String, JsonNode> member : a.properties()) {
                names.add(member.getKey());
            }
            for (Map.Entry<String, JsonNode> member : b.properties()) {
                names.add(member.getKey());
            }
            for (String name : names.stream().sorted().toList()) {
                String child = path.isEmpty() ? name : path + "." + name;
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null || y == null) {
                    add(diffs, ignore, child, show(x), show(y));
                } else {
                    diffNodes(child, x, y, ignore, diffs);
                }
            }
        } else if (a.isArray() && b.isArray()) {
            int longest = Math.max(a.size(), b.size());
            for (int i = 0; i < longest; i++) {
                String child = path + "[" + i + "]";
                if (i >= a.size() || i >= b.size()) {
                    add(diffs, ignore, child, show(a.get(i)), show(b.get(i)));
                } else {
                    diffNodes(child, a.get(i), b.get(i), ignore, diffs);
                }
            }
        } else if (!a.equals(b)) {
            add(diffs, ignore, path.isEmpty() ? "$" : path, show(a), show(b));
        }
    }

    private static void add(List<FieldDiff> diffs, IgnoreList ignore, String path, String a, String b) {
        if (diffs.size() < MAX_DIFFS && !ignore.ignores(path)) {
            diffs.add(new FieldDiff(path, a, b));
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        byte first = firstNonBlank(body);
        if (first != '{' && first != '[') {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static byte firstNonBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return 0;
    }

    private static String show(JsonNode node) {
        return node == null ? null : shorten(node.toString());
    }

    private static String text(byte[] body) {
        return shorten(new String(body, 0, Math.min(body.length, MAX_SHOWN * 4), StandardCharsets.UTF_8));
    }

    private static String shorten(String value) {
        return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "…";
    }
}
