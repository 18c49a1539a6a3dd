package homelabarr.http;

import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import java.lang.System.Logger.Level;

/** Writes every failure as {@code {"error","details"}}; unexpected ones are logged once and never shown. */
public final class ErrorMapper {
    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());
    private final Json json;

    public ErrorMapper(Json json) {
        this.json = json;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> write(res, e));
        routing.error(HttpException.class, (req, res, e) -> write(res, fromHelidon(e)));
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(Level.ERROR, "Unhandled error on " + req.prologue().method().text() + " "
                    + req.path().path(), e);
            write(res, ApiException.of(500, "Internal server error", "The server could not complete the request"));
        });
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

    private static ApiException fromHelidon(HttpException e) {
        int code = e.status().code();
        return switch (code) {
            case 413 -> ApiException.of(413, "Request body too large", "The request body exceeds the limit");
            case 404 -> ApiException.notFound("Not found", "No such resource");
            case 415 -> ApiException.unsupportedMediaType("an unsupported type");
            default -> code >= 500
                    ? ApiException.of(500, "Internal server error", "The server could not complete the request")
                    : ApiException.of(code, e.status().reasonPhrase(), "The request could not be processed");
        };
    }

    public void write(ServerResponse res, ApiException e) {
        if (res.isSent()) {
            return;
        }
        e.headers().forEach(res::header);
        json.send(res, e.status(), new ErrorBody(e.error(), e.details()));
    }
}
