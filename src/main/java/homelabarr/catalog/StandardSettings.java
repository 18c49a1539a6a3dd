package homelabarr.catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Settings every template may use without declaring them. */
public final class StandardSettings {
    public static final List<Setting> ALL = List.of(
            new Setting("TZ", "Time zone", SettingType.TIMEZONE, "Etc/UTC", false, false,
                    "IANA time zone name, for example Europe/Berlin", null),
            new Setting("PUID", "User id", SettingType.NUMBER, "1000", false, false,
                    "Numeric user id the app runs as and writes files with", null),
            new Setting("PGID", "Group id", SettingType.NUMBER, "1000", false, false,
                    "Numeric group id the app runs as and writes files with", null),
            new Setting("APPFOLDER", "App data folder", SettingType.PATH, "/opt/appdata", false, false,
                    "Host folder that holds each app's configuration and data", null),
            new Setting("DOMAIN", "Domain", SettingType.HOSTNAME, "localhost", false, false,
                    "Your domain; the traefik and authelia modes serve the app at <app>.<domain>", null));

    public static final Map<String, Setting> BY_KEY =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

    private StandardSettings() {
    }
}
