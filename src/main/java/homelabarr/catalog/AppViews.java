package homelabarr.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import homelabarr.catalog.AppInfo.Risk;
import homelabarr.catalog.ComposeModel.Service;

import java.util.List;
import java.util.Map;

/** How apps look in API answers. Never a server path; secret defaults are masked. */
final class AppViews {
    private AppViews() {
    }

    record Summary(String id, String name, String category, String image, String description, String icon,
                   Integer webPort, String website, Risk risk, boolean adminOnly, List<String> adminReasons,
                   int services, boolean custom) {
    }

    record Detail(String id, String name, String category, String image, String description, String icon,
                  Integer webPort, String website, Risk risk, boolean adminOnly, List<String> adminReasons,
                  boolean custom, AppInfo.WebUi webUi, String notes, String provides,
                  List<String> conflicts, List<SettingView> settings, List<ServiceView> services) {
    }

    record SettingView(String key, String label, String type, @JsonProperty("default") String defaultValue, boolean required,
                       boolean generate, boolean secret, boolean standard, String description, String format) {
    }

    record ServiceView(String name, String image, List<PortView> ports, List<String> volumes, List<String> environment,
                       List<String> dependsOn, String networkMode, boolean privileged, List<String> capAdd,
                       List<String> devices, boolean healthcheck) {
    }

    record PortView(Integer hostPort, int containerPort, String protocol) {
    }

    static Summary summary(AppTemplate app, List<String> adminReasons) {
        AppInfo info = app.info();
        return new Summary(app.id(), info.name(), info.category(), app.mainService().image(), info.description(),
                info.icon(), app.defaultWebPort(), info.website(), info.risk(), !adminReasons.isEmpty(), adminReasons,
                app.defaults().services().size(), app.custom());
    }

    static Detail detail(AppTemplate app, List<String> adminReasons) {
        AppInfo info = app.info();
        List<SettingView> settings = app.allSettings().stream().map(s -> new SettingView(s.key(), s.label(),
                s.type().wireName(), s.secret() && s.defaultValue() != null ? "********" : s.defaultValue(),
                s.required(), s.generate(), s.secret(), StandardSettings.BY_KEY.containsKey(s.key()), s.description(),
                s.format())).toList();
        List<ServiceView> services = app.defaults().services().values().stream().map(AppViews::service).toList();
        return new Detail(app.id(), info.name(), info.category(), app.mainService().image(), info.description(),
                info.icon(), app.defaultWebPort(), info.website(), info.risk(), !adminReasons.isEmpty(), adminReasons,
                app.custom(), info.webUi(), info.notes(), info.provides(),
                info.conflicts(), settings, services);
    }

    /** Environment is listed by name only: a custom template may hold literal credentials. */
    private static ServiceView service(Service s) {
        return new ServiceView(s.name(), s.image(),
                s.ports().stream().map(p -> new PortView(p.hostPort(), p.containerPort(), p.protocol())).toList(),
                s.volumes().stream()
                        .map(v -> (v.source() == null ? "" : v.source() + ":") + v.target() + (v.readOnly() ? ":ro" : ""))
                        .toList(),
                List.copyOf(s.environment().keySet()), List.copyOf(s.dependsOn().keySet()), s.networkMode(),
                s.privileged(), s.capAdd(), s.devices().stream().map(d -> d.hostPath() + ":" + d.containerPath()).toList(),
                s.healthcheck() != null && !s.healthcheck().disabled());
    }

    static Map<String, String> categoryNames() {
        return Map.ofEntries(
                Map.entry("ai", "AI"), Map.entry("backup", "Backup"), Map.entry("downloads", "Downloads"),
                Map.entry("media-management", "Media management"), Map.entry("media-servers", "Media servers"),
                Map.entry("monitoring", "Monitoring"), Map.entry("self-hosted", "Self-hosted"),
                Map.entry("system", "System"), Map.entry("transcoding", "Transcoding"),
                Map.entry("virtual-desktops", "Virtual desktops"), Map.entry("myapps", "My apps"));
    }
}
