package homelabarr.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A value the user may give when deploying; {@code generate} makes a random secret when none is given. */
public record Setting(
        String key,
        String label,
        SettingType type,
        @JsonProperty("default") String defaultValue,
        boolean required,
        boolean generate,
        String description) {

    public boolean secret() {
        return type == SettingType.SECRET;
    }
}
