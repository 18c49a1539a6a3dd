package homelabarr.http;

import io.helidon.webserver.http.ServerRequest;

import java.util.LinkedHashSet;
import java.util.Set;

/** The methods that routes matching this request's path accept, gathered while routing falls through. */
public final class AllowedMethods {
    private final Set<String> methods = new LinkedHashSet<>();

    public static AllowedMethods of(ServerRequest req) {
        return req.context().get(AllowedMethods.class).orElseGet(() -> {
            AllowedMethods fresh = new AllowedMethods();
            req.context().register(fresh);
            return fresh;
        });
    }

    void addAll(Set<String> more) {
        methods.addAll(more);
    }

    boolean isEmpty() {
        return methods.isEmpty();
    }

    String header() {
        return String.join(", ", methods);
    }
}
