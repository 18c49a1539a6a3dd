package homelabarr.environments;

/**
 * The body of {@code POST /environments} and {@code POST /environments/test}: a unix socket path (or unix://…), or
 * tcp://host:port with mutual TLS, each of ca, cert and key given as PEM text or as a path on this server.
 */
record EnvironmentRequest(String name, String address, String ca, String cert, String key, String caPath,
                          String certPath, String keyPath) {
}
