package homelabarr.http;

import io.helidon.webserver.http.ServerRequest;

import java.util.Locale;
import java.util.Optional;

/** Typed query parameters that answer 400 naming the parameter when a value is unusable. */
public final class QueryParams {
    private QueryParams() {
    }

    public static Optional<String> text(ServerRequest req, String name) {
        return req.query().first(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    public static long number(ServerRequest req, String name, long fallback, long min, long max) {
        Optional<String> raw = text(req, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                throw ApiException.invalidField(name, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number");
        }
    }

    public static boolean flag(ServerRequest req, String name) {
        Optional<String> raw = text(req, name);
        if (raw.isEmpty()) {
            return false;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.invalidField(name, "must be true or false");
        };
    }
}
