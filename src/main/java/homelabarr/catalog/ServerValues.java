package homelabarr.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a template may read as {@code ${KEY}} but no deploy request can set: the server's own proxy configuration
 * (the environment variables of the same names). The Traefik template needs them so that the proxy and the apps
 * routed through it agree on the network, entrypoint and certificate resolver. The server checks them as names
 * of letters, digits, {@code _ . -}, so they may also appear in scripts.
 */
public final class ServerValues {
    public static final String TRAEFIK_NETWORK = "TRAEFIK_NETWORK";
    public static final String TRAEFIK_ENTRYPOINT = "TRAEFIK_ENTRYPOINT";
    public static final String TRAEFIK_CERT_RESOLVER = "TRAEFIK_CERT_RESOLVER";

    /** The server's defaults; used to check a template's shape when it is loaded. */
    public static final Map<String, String> DEFAULTS = of("proxy", "websecure", "letsencrypt");

    private ServerValues() {
    }

    public static Map<String, String> of(String network, String entrypoint, String certResolver) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(TRAEFIK_NETWORK, network);
        values.put(TRAEFIK_ENTRYPOINT, entrypoint);
        values.put(TRAEFIK_CERT_RESOLVER, certResolver);
        return Map.copyOf(values);
    }
}
