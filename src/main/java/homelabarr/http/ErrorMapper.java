package homelabarr.http;

import homelabarr.db.DatabaseException;
import homelabarr.errors.Refused;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.lang.System.Logger.Level;

/**
 * Writes every failure as {@code {"error","details"}}: {@link ApiException} (what the edge itself decided) as it
 * says, domain {@link Refused} refusals by their kind, storage failures as 507/503; unexpected ones are logged once
 * and never shown.
 */
public final class ErrorMapper {
    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());
    private final Json json;

    public ErrorMapper(Json json) {
        this.json = json;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> write(req, res, e));
        routing.error(Refused.class, (req, res, e) -> write(req, res, answer(e)));
        routing.error(HttpException.class, (req, res, e) -> write(req, res, fromHelidon(e)));
        routing.error(DatabaseException.class, (req, res, e) -> {
            ApiException storage = storage(e);
            if (storage == null) {
                unexpected(req, res, e);
                return;
            }
            LOG.log(Level.ERROR, storage.error() + " on " + req.prologue().method().text() + " " + req.path().path()
                    + ": " + e.getMessage());
            write(req, res, storage);
        });
        routing.error(Exception.class, (req, res, e) -> {
            if (ClientGone.causedBy(e)) {
                // the client's doing, not a server fault: no stack trace, and a 400 if the connection still answers
                LOG.log(Level.DEBUG, () -> "Client left during " + req.prologue().method().text() + " " + req.path().path());
                write(req, res, ApiException.badRequest("Incomplete request", "The connection ended before the request was complete"));
                return;
            }
            unexpected(req, res, e);
        });
    }

    private void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.ERROR, "Unhandled error on " + req.prologue().method().text() + " " + req.path().path(), e);
        write(req, res, ApiException.of(500, "Internal server error", "The server could not complete the request"));
    }

    /** Domain code's refusals, as the API answers them: the one place a {@link Refused.Kind} becomes a status. */
    public static ApiException answer(Refused r) {
        return ApiException.of(switch (r.kind()) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        }, r.error(), r.details());
    }

    /**
     * A full disk is 507 and storage that cannot be used now is 503, each saying what to do; a failed change is
     * rolled back with its audit record, so "nothing was changed" holds. Null for failures that are bugs.
     */
    static ApiException storage(DatabaseException e) {
        return switch (e.kind()) {
            case FULL -> ApiException.insufficientStorage("The disk that holds DATA_DIR is full, so nothing was "
                    + "changed. Free some space and try again.");
            case UNAVAILABLE -> ApiException.unavailable("Storage unavailable", "The database in DATA_DIR cannot be "
                    + "used right now (read-only, I/O error or busy), so nothing was changed. Check the disk and the "
                    + "server log, then try again.");
            case OTHER -> null;
        };
    }

    /** Answers routes nobody registered. */
    public void notFound(HttpRouting.Builder routing) {
        routing.any((req, res) -> {
            AllowedMethods allowed = AllowedMethods.of(req);
            if (allowed.isEmpty()) {
                throw ApiException.notFound("Not found", "No route for " + req.prologue().method().text() + " "
                        + req.path().path());
            }
            if (req.prologue().method() == Method.OPTIONS) {
                res.header("Allow", allowed.header()).status(204).send();
                return;
            }
            throw ApiException.methodNotAllowed(req.prologue().method().text(), allowed.header());
        });
    }

    /**
     * Answers for requests Helidon refuses before routing (unparseable, headers or body over its limits), which
     * would otherwise get its empty or HTML body. Its message is not echoed: it may quote the request.
     */
    public DirectHandlers directHandlers() {
        DirectHandler handler = (request, type, status, headers, message) -> {
            ApiException e = fromStatus(status);
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .header(HeaderNames.create("X-Content-Type-Options"), "nosniff")
                    .header(HeaderNames.CACHE_CONTROL, "no-store")
                    .entity(json.bytes(new ErrorBody(e.error(), e.details())))
                    .build();
        };
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, handler);
        }
        return handlers.build();
    }

    private static ApiException fromHelidon(HttpException e) {
        return fromStatus(e.status());
    }

    private static ApiException fromStatus(Status status) {
        int code = status.code();
        return switch (code) {
            case 413 -> ApiException.of(413, "Request body too large", "The request body exceeds the limit");
            case 404 -> ApiException.notFound("Not found", "No such resource");
            case 415 -> ApiException.unsupportedMediaType("an unsupported type");
            case 505 -> ApiException.of(505, "HTTP version not supported", "Send the request as HTTP/1.1");
            default -> code >= 500
                    ? ApiException.of(500, "Internal server error", "The server could not complete the request")
                    : ApiException.of(code, status.reasonPhrase(), "The request could not be processed");
        };
    }

    /**
     * Like {@link #write(ServerResponse, ApiException)}, and closes the connection when the request's body was not
     * read to its end (refused before reading, or cut short): the next request on it could not be found safely.
     */
    private void write(ServerRequest req, ServerResponse res, ApiException e) {
        if (!res.isSent() && req.content().hasEntity() && !req.content().consumed()) {
            res.header(HeaderNames.CONNECTION, "close");
        }
        write(res, e);
    }

    public void write(ServerResponse res, ApiException e) {
        if (res.isSent()) {
            return;
        }
        e.headers().forEach(res::header);
        json.send(res, e.status(), new ErrorBody(e.error(), e.details()));
    }
}
