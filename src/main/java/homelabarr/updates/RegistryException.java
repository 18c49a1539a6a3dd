package homelabarr.updates;

import java.time.Duration;

/**
 * A registry that could not answer a check. The message is safe to show: it names the registry and the image,
 * never a credential or token. {@code retryAfter} is set for {@link Kind#RATE_LIMITED}.
 */
final class RegistryException extends Exception {
    enum Kind { UNREACHABLE, AUTH, NOT_FOUND, RATE_LIMITED, PROTOCOL }

    private final Kind kind;
    private final Duration retryAfter;

    RegistryException(Kind kind, String message) {
        this(kind, message, null);
    }

    RegistryException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    Kind kind() {
        return kind;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
