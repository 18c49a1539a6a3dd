package homelabarr.catalog;

import java.util.List;

/** The {@code x-homelabarr} block of a template: what the app is and what a user may set. */
public record AppInfo(
        String name,
        String description,
        String category,
        String icon,
        String website,
        WebUi webUi,
        List<Setting> settings,
        Risk risk,
        List<String> conflicts,
        String notes) {

    public AppInfo {
        settings = settings == null ? List.of() : List.copyOf(settings);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        risk = risk == null ? Risk.NONE : risk;
    }

    /** Where the app's web interface is: which service, which container port. */
    public record WebUi(String service, int port, String path, String scheme) {
        public WebUi {
            path = path == null ? "/" : path;
            scheme = scheme == null ? "http" : scheme;
        }
    }

    /** What an app may do to the host; declared by the author and checked against the services. */
    public record Risk(boolean dockerSocket, boolean privileged, boolean hostNetwork, boolean devices, boolean gpu) {
        public static final Risk NONE = new Risk(false, false, false, false, false);

        public boolean any() {
            return dockerSocket || privileged || hostNetwork || devices || gpu;
        }
    }
}
