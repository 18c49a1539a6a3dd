package homelabarr.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading compose's loosely typed values (string-or-list, map-or-list, "1m30s", "512m") with clear errors. */
final class ComposeValues {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?", Pattern.CASE_INSENSITIVE);

    private ComposeValues() {
    }

    static String text(Object value, String where) throws TemplateException {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new TemplateException(where + ": expected a single value");
    }

    static boolean bool(Object value, String where) throws TemplateException {
        String text = text(value, where);
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new TemplateException(where + ": expected true or false, got '" + text + "'");
        };
    }

    static int integer(Object value, String where) throws TemplateException {
        String text = text(value, where);
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new TemplateException(where + ": expected a whole number, got '" + text + "'");
        }
    }

    /** A list of strings; a single string becomes a one-element list (or, if {@code shellSplit}, its words). */
    static List<String> strings(Object value, String where, boolean shellSplit) throws TemplateException {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(text(list.get(i), where + "[" + i + "]"));
            }
            return List.copyOf(out);
        }
        String text = text(value, where);
        return shellSplit ? ShellWords.split(text, where) : List.of(text);
    }

    /** A map of strings; also accepts compose's list form {@code ["KEY=value", ...]}. */
    static Map<String, String> stringMap(Object value, String where) throws TemplateException {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = text(e.getKey(), where);
                out.put(key, e.getValue() == null ? "" : text(e.getValue(), where + "." + key));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String entry = text(list.get(i), where + "[" + i + "]");
                int eq = entry.indexOf('=');
                out.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
            return out;
        }
        throw new TemplateException(where + ": expected a mapping or a list of KEY=value");
    }

    static Map<?, ?> map(Object value, String where) throws TemplateException {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new TemplateException(where + ": expected a mapping");
    }

    /** Compose durations: {@code 30s}, {@code 1m30s}, {@code 1h}, {@code 500ms}; a bare number means seconds. */
    static Duration duration(Object value, String where) throws TemplateException {
        String text = text(value, where);
        if (text == null) {
            return null;
        }
        text = text.strip().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = DURATION_PART.matcher(text);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            nanos += (long) (amount * switch (m.group(2)) {
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            end = m.end();
        }
        if (end != text.length() || end == 0) {
            throw new TemplateException(where + ": expected a duration such as 30s or 1m30s, got '" + text + "'");
        }
        return Duration.ofNanos(nanos);
    }

    /** Byte sizes: {@code 512m}, {@code 1gb}, {@code 2g}, or a plain number of bytes. */
    static Long bytes(Object value, String where) throws TemplateException {
        String text = text(value, where);
        if (text == null) {
            return null;
        }
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new TemplateException(where + ": expected a size such as 512m or 1g, got '" + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return (long) (amount * unit);
    }
}
