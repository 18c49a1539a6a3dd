package homelabarr.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A feature's routing table. Each route names its {@link Access}; the guard authenticates and authorizes before the
 * handler runs, and {@link #close()} answers 405 for the other methods of every path. A route that changes something
 * also names its {@link Audit} (from {@code audit.AuditLog.route}), which records its refusals and failures.
 */
public final class Routes {
    /** A route handler that receives the authorized caller. */
    @FunctionalInterface
    public interface Handler {
        void handle(ServerRequest req, ServerResponse res, Principal who) throws Exception;
    }

    /**
     * What a route records in the audit log, declared with the route: it runs around the handler, after the access
     * check, so every refused or failed change is recorded once and the same way.
     */
    @FunctionalInterface
    public interface Audit {
        void around(ServerRequest req, ServerResponse res, Principal who, Handler handler) throws Exception;
    }

    /**
     * The request context key under which the matched route's path template ({@code /containers/{id}}, never the
     * raw path) is registered before the handler runs: metrics count requests by it, so labels stay bounded.
     */
    public static final String ROUTE_TEMPLATE = "homelabarr.route-template";

    private final HttpRules rules;
    private final Authenticator authenticator;
    private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();

    public Routes(HttpRules rules, Authenticator authenticator) {
        this.rules = rules;
        this.authenticator = authenticator;
    }

    public Routes get(String path, Access access, Handler handler) {
        return add(Method.GET, path, access, handler);
    }

    public Routes post(String path, Access access, Handler handler) {
        return add(Method.POST, path, access, handler);
    }

    public Routes post(String path, Access access, Audit audit, Handler handler) {
        return add(Method.POST, path, access, audited(audit, handler));
    }

    public Routes patch(String path, Access access, Handler handler) {
        return add(Method.PATCH, path, access, handler);
    }

    public Routes patch(String path, Access access, Audit audit, Handler handler) {
        return add(Method.PATCH, path, access, audited(audit, handler));
    }

    public Routes put(String path, Access access, Handler handler) {
        return add(Method.PUT, path, access, handler);
    }

    public Routes put(String path, Access access, Audit audit, Handler handler) {
        return add(Method.PUT, path, access, audited(audit, handler));
    }

    public Routes delete(String path, Access access, Handler handler) {
        return add(Method.DELETE, path, access, handler);
    }

    public Routes delete(String path, Access access, Audit audit, Handler handler) {
        return add(Method.DELETE, path, access, audited(audit, handler));
    }

    private static Handler audited(Audit audit, Handler handler) {
        return (req, res, who) -> audit.around(req, res, who, handler);
    }

    private Routes add(Method method, String path, Access access, Handler handler) {
        methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method.text());
        // No HEAD: Helidon routes it to no GET handler, and would send the body if it did; Allow must not promise it
        rules.route(method, path, (req, res) -> {
            req.context().register(ROUTE_TEMPLATE, path);
            handler.handle(req, res, authorize(access, req));
        });
        return this;
    }

    private Principal authorize(Access access, ServerRequest req) {
        if (access == Access.PUBLIC) {
            return Principal.ANONYMOUS;
        }
        Principal who = authenticator.authenticate(req);
        if (who.mustChangePassword() && access != Access.SELF) {
            throw ApiException.forbidden("Password change required",
                    "Change the initial password with POST /auth/change-password before using the API");
        }
        if (access == Access.WRITE && !who.role().canWrite()) {
            throw ApiException.forbidden("Forbidden", "The viewer role is read-only");
        }
        if (access == Access.ADMIN && !who.isAdmin()) {
            throw ApiException.forbidden("Forbidden", "This action needs the admin role");
        }
        return who;
    }

    /**
     * Call once after the last route. For the other methods of each path it notes what is allowed and passes the
     * request on, since another feature may serve the same path with another method; the final fallback answers
     * 405 (or 204 for OPTIONS) when some feature knew the path, 404 otherwise.
     */
    public void close() {
        methodsByPath.forEach((path, methods) -> rules.any(path, (req, res) -> {
            AllowedMethods.of(req).addAll(methods);
            res.next();
        }));
    }
}
