package homelabarr.docker;

/**
 * The Docker Engine could not be reached at all (socket missing, connection refused or cut). Any route that meets it
 * answers 503; the message never names the socket path.
 */
public final class EngineUnreachableException extends RuntimeException {
    public EngineUnreachableException(Throwable cause) {
        super("The Docker Engine is not reachable", cause);
    }
}
