package homelabarr.catalog;

import java.time.ZoneId;
import java.util.Set;

/** Checks a value against its setting's type; shared by template validation and deploy requests. */
public final class SettingValues {
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final int MAX_LENGTH = 4096;

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
            case STRING, SECRET -> null;
        };
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
            case STRING, SECRET -> "placeholder";
        };
    }
}
