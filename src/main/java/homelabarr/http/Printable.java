package homelabarr.http;

/**
 * Client-chosen text (ids, names) made safe to echo in an error or store in the audit log: control characters
 * dropped (no forged log lines), length bounded.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String raw, int maxCodePoints) {
        if (raw == null) {
            return "";
        }
        String clean = raw.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.codePointCount(0, clean.length()) > maxCodePoints
                ? clean.substring(0, clean.offsetByCodePoints(0, maxCodePoints)) + "…"
                : clean;
    }
}
