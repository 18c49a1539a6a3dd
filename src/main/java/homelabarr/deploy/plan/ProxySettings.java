package homelabarr.deploy.plan;

import homelabarr.catalog.ServerValues;

import java.util.Map;

/** Where the traefik and authelia modes attach apps (TRAEFIK_* and AUTHELIA_MIDDLEWARE in the configuration). */
public record ProxySettings(String network, String entrypoint, String certResolver, String autheliaMiddleware) {

    /** What templates read as ${TRAEFIK_NETWORK}, ${TRAEFIK_ENTRYPOINT} and ${TRAEFIK_CERT_RESOLVER}. */
    Map<String, String> serverValues() {
        return ServerValues.of(network, entrypoint, certResolver);
    }
}
