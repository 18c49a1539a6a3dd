package homelabarr.catalog;

import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a value against its setting's type; shared by template validation and deploy requests. */
public final class SettingValues {
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final int MAX_LENGTH = 4096;
    /** Go and Prometheus style: 15d, 1h30m, 500ms, 2w. */
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(ms|s|m|h|d|w|y)){1,6}");
    private static final Pattern HOSTNAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private SettingValues() {
    }

    /** What is wrong with {@code value} for {@code type}, or null when it is acceptable. */
    public static String problem(SettingType type, String value) {
        if (value.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "must not contain control characters";
        }
        return switch (type) {
            case NUMBER -> value.matches("-?\\d{1,18}(\\.\\d{1,9})?") ? null : "must be a number";
            case BOOLEAN -> value.equals("true") || value.equals("false") ? null : "must be true or false";
            case PORT -> isPort(value) ? null : "must be a port number between 1 and 65535";
            case PATH -> !value.startsWith("/") ? "must be an absolute path"
                    : value.contains("/../") || value.endsWith("/..") ? "must not contain '..'"
                    : value.contains(":") ? "must not contain ':'" : null;
            case TIMEZONE -> ZONES.contains(value) ? null : "is not a time zone name such as Europe/Berlin";
            case DURATION -> DURATION.matcher(value).matches() ? null : "must be a duration such as 30s, 15m, 12h, 15d or 1h30m";
            case HOSTNAME -> value.length() <= 253 && HOSTNAME.matcher(value).matches() ? null
                    : "must be a host name or IPv4 address such as nas.local or 192.168.1.10";
            case STRING, SECRET -> null;
        };
    }

    /** What is wrong with a secret's {@code value} for its {@code format}, or null. */
    public static String formatProblem(String format, String value) {
        if (Setting.HEX.equals(format) && !value.matches("[0-9a-fA-F]{64}")) {
            return "must be 64 hexadecimal digits (32 bytes), e.g. from: openssl rand -hex 32";
        }
        if (Setting.BASE64.equals(format) && !value.matches("[A-Za-z0-9+/]{43}=")) {
            return "must be 32 bytes in base64 (44 characters), e.g. from: openssl rand -base64 32";
        }
        return null;
    }

    private static boolean isPort(String value) {
        if (!value.matches("\\d{1,5}")) {
            return false;
        }
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65535;
    }

    /** A value of the right type used to check a template's shape when a setting has no default. */
    static String placeholder(Setting setting) {
        if (setting.defaultValue() != null) {
            return setting.defaultValue();
        }
        return switch (setting.type()) {
            case NUMBER -> "0";
            case BOOLEAN -> "false";
            case PORT -> "65535";
            case PATH -> "/placeholder";
            case TIMEZONE -> "Etc/UTC";
            case DURATION -> "1h";
            case HOSTNAME -> "localhost";
            case STRING, SECRET -> "placeholder";
        };
    }
}
