package homelabarr.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A value the user may give when deploying; {@code generate} makes a random secret when none is given, in
 * {@code format} when the app needs one ({@code hex}: 64 hex digits, {@code base64}: 44 characters, both 32 random
 * bytes; default 32 letters and digits).
 */
public record Setting(
        String key,
        String label,
        SettingType type,
        @JsonProperty("default") String defaultValue,
        boolean required,
        boolean generate,
        String description,
        String format) {

    public static final String HEX = "hex";
    public static final String BASE64 = "base64";

    public boolean secret() {
        return type == SettingType.SECRET;
    }
}
