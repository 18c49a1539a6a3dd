package homelabarr.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

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
        String notes,
        String provides) {

    /** {@code provides: proxy}: this app is the Traefik that the traefik and authelia modes route through. */
    public static final String PROXY = "proxy";
    /** {@code provides: forward-auth}: this app defines the forward-auth middleware of the authelia mode. */
    public static final String FORWARD_AUTH = "forward-auth";

    public AppInfo {
        settings = settings == null ? List.of() : List.copyOf(settings);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        risk = risk == null ? Risk.NONE : risk;
    }

    public boolean isProxy() {
        return PROXY.equals(provides);
    }

    public boolean isForwardAuth() {
        return FORWARD_AUTH.equals(provides);
    }

    AppInfo with(WebUi webUi, Risk risk) {
        return new AppInfo(name, description, category, icon, website, webUi, settings, risk, conflicts, notes, provides);
    }

    /**
     * Where the app's web interface is: which service, which container port. The port may be written as
     * {@code ${KEY}} of a {@code port} setting when the app must listen on the same port inside and outside
     * (qBittorrent); {@code port} then holds that setting's default and {@code portSetting} its key.
     */
    public record WebUi(String service, int port, String path, String scheme, String portSetting) {
        public WebUi {
            path = path == null ? "/" : path;
            scheme = scheme == null ? "http" : scheme;
        }

        @JsonCreator
        static WebUi read(@JsonProperty("service") String service, @JsonProperty("port") Object port,
                          @JsonProperty("path") String path, @JsonProperty("scheme") String scheme) {
            if (port instanceof Number n) {
                return new WebUi(service, n.intValue(), path, scheme, null);
            }
            String text = port == null ? "" : port.toString().strip();
            if (text.matches("\\d{1,5}")) {
                return new WebUi(service, Integer.parseInt(text), path, scheme, null);
            }
            if (text.matches("\\$\\{[A-Z][A-Z0-9_]*}")) {
                return new WebUi(service, 0, path, scheme, text.substring(2, text.length() - 1));
            }
            throw new IllegalArgumentException("webUi.port must be a port number or ${SETTING} of a port setting");
        }

        /** The container port with these settings. */
        public int port(Map<String, String> values) {
            if (portSetting == null) {
                return port;
            }
            String value = values.get(portSetting);
            return value == null ? port : Integer.parseInt(value);
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
