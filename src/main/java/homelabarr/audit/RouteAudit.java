package homelabarr.audit;

import homelabarr.docker.EngineException;
import homelabarr.errors.Refused;
import homelabarr.http.ApiException;
import homelabarr.http.Principal;
import homelabarr.http.Printable;
import homelabarr.http.Routes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;
import java.util.function.Function;

/**
 * The audit a route declares ({@link AuditLog#route}): when its handler throws, the refusal or failure is recorded
 * once, the same way for every route. A change the handler had begun ({@link AuditLog#begin(ServerRequest, Principal,
 * String, String)}) is completed as failed; otherwise a failure is recorded for the target the handler named
 * ({@link AuditLog#target}) or, before it named one, the target the route reads from the request.
 */
public final class RouteAudit implements Routes.Audit {
    private final AuditLog log;
    private final String action;
    private final Function<ServerRequest, String> target;

    RouteAudit(AuditLog log, String action, Function<ServerRequest, String> target) {
        this.log = log;
        this.action = action;
        this.target = target;
    }

    @Override
    public void around(ServerRequest req, ServerResponse res, Principal who, Routes.Handler handler) throws Exception {
        try {
            handler.handle(req, res, who);
        } catch (Exception e) {
            // an answer already sent was the outcome (a client that left while it was written is no refusal)
            if (!res.isSent()) {
                refused(req, who, e);
            }
            throw e;
        }
    }

    private void refused(ServerRequest req, Principal who, Exception e) {
        String why = why(e);
        Optional<AuditLog.Pending> begun = req.context().get(AuditLog.Pending.class);
        if (begun.isPresent()) {
            // the change's own record: completed as failed, unless the handler had recorded its outcome already
            if (!begun.get().completed()) {
                begun.get().complete(AuditLog.FAILURE, why);
            }
            return;
        }
        Optional<AuditLog.Named> named = req.context().get(AuditLog.Named.class);
        String actor = named.map(AuditLog.Named::actor).orElse(who.username());
        log.failure(req, actor, action, named.map(AuditLog.Named::target).orElseGet(() -> target.apply(req)), why);
    }

    /** What the client was told, in short; an engine failure without the engine's words (they may name host paths). */
    static String why(Throwable e) {
        return switch (e) {
            case ApiException a -> a.error() + ": " + a.details();
            case Refused r -> r.error() + ": " + r.details();
            case EngineException x -> x.kind() == EngineException.Kind.UNREACHABLE ? "The Docker Engine is not reachable"
                    : "The Docker Engine could not " + x.action();
            default -> "internal error";
        };
    }

    /** A target read from the path, made safe for the log: the path is the caller's to choose. */
    public static Function<ServerRequest, String> pathParameter(String name) {
        return req -> {
            String raw = req.path().pathParameters().first(name).orElse("");
            String printable = Printable.of(raw, 100);
            return printable.isEmpty() ? "(none)" : printable;
        };
    }
}
