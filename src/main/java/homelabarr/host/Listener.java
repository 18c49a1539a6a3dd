package homelabarr.host;

/** A port something on the Docker host listens on (TCP) or has bound (UDP). */
public record Listener(int port, String protocol) {
}
