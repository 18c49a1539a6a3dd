package homelabarr.catalog;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Compose variable syntax: {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code $VAR}, and {@code $$} for a literal dollar.
 * Defaults may themselves contain references ({@code ${A:-${B}}}).
 */
public final class Variables {
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
            collect(text, names);
            return text;
        });
        return names;
    }

    private static void collect(String text, Set<String> names) {
        scan(text, (name, operator, argument) -> {
            names.add(name);
            if (operator != null && operator.endsWith("-")) {
                collect(argument, names);
            }
            return "";
        });
    }

    /** Replaces every reference in {@code text} using {@code values}; a missing value counts as unset. */
    public static String interpolate(String text, Map<String, String> values) {
        return scan(text, (name, operator, argument) -> {
            String value = values.get(name);
            if (operator == null) {
                return value == null ? "" : value;
            }
            boolean unset = value == null || (operator.startsWith(":") && value.isEmpty());
            if (operator.endsWith("-")) {
                return unset ? interpolate(argument, values) : value;
            }
            if (unset) {
                throw new VariableException(name + ": " + (argument.isEmpty() ? "is required" : argument));
            }
            return value;
        });
    }

    /** Applies {@code interpolate} to every string in a parsed YAML tree, returning a new tree. */
    public static Object interpolateTree(Object tree, Map<String, String> values) {
        return walk(tree, text -> interpolate(text, values));
    }

    private interface Reference {
        String resolve(String name, String operator, String argument);
    }

    private static String scan(String text, Reference reference) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                i = braced(text, i, out, reference);
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                out.append(reference.resolve(text.substring(i + 1, end), null, null));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Handles {@code ${...}} starting at {@code start}; returns the index after its closing brace. */
    private static int braced(String text, int start, StringBuilder out, Reference reference) {
        int i = start + 2;
        int nameEnd = i;
        while (nameEnd < text.length() && isNamePart(text.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = text.substring(i, nameEnd);
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            throw new VariableException("malformed variable reference in '" + shorten(text) + "'");
        }
        if (nameEnd < text.length() && text.charAt(nameEnd) == '}') {
            out.append(reference.resolve(name, null, null));
            return nameEnd + 1;
        }
        int opEnd = nameEnd;
        if (opEnd < text.length() && text.charAt(opEnd) == ':') {
            opEnd++;
        }
        if (opEnd >= text.length() || (text.charAt(opEnd) != '-' && text.charAt(opEnd) != '?')) {
            throw new VariableException("malformed variable reference in '" + shorten(text) + "'");
        }
        String operator = text.substring(nameEnd, opEnd + 1);
        int depth = 1;
        int j = opEnd + 1;
        for (; j < text.length() && depth > 0; j++) {
            char c = text.charAt(j);
            if (c == '$' && j + 1 < text.length() && text.charAt(j + 1) == '{') {
                depth++;
                j++;
            } else if (c == '}') {
                depth--;
            }
        }
        if (depth != 0) {
            throw new VariableException("unclosed variable reference in '" + shorten(text) + "'");
        }
        String argument = text.substring(opEnd + 1, j - 1);
        out.append(reference.resolve(name, operator, argument));
        return j;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static Object walk(Object node, Function<String, String> onText) {
        if (node instanceof String text) {
            return onText.apply(text);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, walk(v, onText)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(v -> walk(v, onText)).toList();
        }
        return node;
    }
}
