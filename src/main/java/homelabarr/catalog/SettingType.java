package homelabarr.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The kinds of value a template setting takes; each knows how to check a value. */
public enum SettingType {
    STRING, NUMBER, BOOLEAN, PATH, PORT, SECRET, TIMEZONE, DURATION, HOSTNAME;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SettingType parse(String text) {
        for (SettingType type : values()) {
            if (type.wireName().equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown setting type '" + text
                + "' (use string, number, boolean, path, port, secret, timezone, duration or hostname)");
    }
}
