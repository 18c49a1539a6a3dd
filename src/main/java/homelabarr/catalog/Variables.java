package homelabarr.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose variable syntax: {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code $VAR}, and {@code $$} for a literal dollar.
 */
public final class Variables {
    private static final Pattern TOKEN = Pattern.compile(
            "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*)|(\\{[^}]*}?))");

    private Variables() {
    }

    /** A variable that is required ({@code :?}) but empty, or a malformed reference. */
    public static final class VariableException extends RuntimeException {
        public VariableException(String message) {
            super(message, null, false, false);
        }
    }

    /** Every variable name referenced anywhere in {@code tree} (maps, lists and strings). */
    public static Set<String> references(Object tree) {
        Set<String> names = new LinkedHashSet<>();
        walk(tree, text -> {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                if (m.group(6) != null) {
                    throw new VariableException("malformed variable reference '$" + m.group(6) + "'");
                }
                String name = m.group(2) != null ? m.group(2) : m.group(5);
                if (name != null) {
                    names.add(name);
                }
            }
            return text;
        });
        return names;
    }

    /** Replaces every reference in {@code text} using {@code values}; a missing value counts as unset. */
    public static String interpolate(String text, Map<String, String> values) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement(m, values)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replacement(Matcher m, Map<String, String> values) {
        if (m.group(1) != null) {
            return "$";
        }
        if (m.group(6) != null) {
            throw new VariableException("malformed variable reference '$" + m.group(6) + "'");
        }
        String name = m.group(2) != null ? m.group(2) : m.group(5);
        String value = values.get(name);
        String operator = m.group(3);
        if (operator == null) {
            return value == null ? "" : value;
        }
        boolean emptyCountsAsUnset = operator.startsWith(":");
        boolean unset = value == null || (emptyCountsAsUnset && value.isEmpty());
        if (operator.endsWith("-")) {
            return unset ? interpolate(m.group(4), values) : value;
        }
        if (unset) {
            String message = m.group(4).isEmpty() ? "is required" : m.group(4);
            throw new VariableException(name + ": " + message);
        }
        return value;
    }

    /** Applies {@code interpolate} to every string in a parsed YAML tree, returning a new tree. */
    public static Object interpolateTree(Object tree, Map<String, String> values) {
        return walk(tree, text -> interpolate(text, values));
    }

    private static Object walk(Object node, Function<String, String> onText) {
        if (node instanceof String text) {
            return onText.apply(text);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, walk(v, onText)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(v -> walk(v, onText)).toList();
        }
        return node;
    }
}
