package homelabarr.deploy;

/** Where the traefik and authelia modes attach apps (TRAEFIK_* and AUTHELIA_MIDDLEWARE in the configuration). */
public record ProxySettings(String network, String entrypoint, String certResolver, String autheliaMiddleware) {
}
