package homelabarr.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import homelabarr.http.ApiException;

import java.io.IOException;

/**
 * Turns docker-java failures into API errors. The engine's own messages can name host paths and are not passed
 * on; they go to the server log with paths masked.
 */
public final class EngineErrors {
    private static final System.Logger LOG = System.getLogger(EngineErrors.class.getName());

    private EngineErrors() {
    }

    /** True when the engine could not be reached at all (socket missing, connection refused or cut). */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The API error for a failed engine call about {@code what} (e.g. "stop container web"). */
    public static ApiException toApi(RuntimeException e, String what) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof NotFoundException) {
            return ApiException.notFound("Not found", "The Docker Engine no longer knows the target of: " + what);
        }
        if (e instanceof ConflictException) {
            return ApiException.conflict("Conflict", "The Docker Engine refused to " + what + " in its current state");
        }
        if (e instanceof BadRequestException) {
            return ApiException.badRequest("Rejected by the Docker Engine", "The engine rejected the request to " + what);
        }
        if (e instanceof DockerException docker) {
            LOG.log(System.Logger.Level.WARNING, "Docker Engine failed to " + what + " (" + docker.getHttpStatus() + "): "
                    + masked(docker.getMessage()));
            return ApiException.of(502, "Docker Engine error",
                    "The engine could not " + what + " (status " + docker.getHttpStatus() + "); see the server log");
        }
        if (unreachable(e)) {
            return ApiException.unavailable("Docker Engine unavailable", "The Docker Engine is not reachable");
        }
        throw e;
    }

    static String masked(String message) {
        return message == null ? "" : message.replaceAll("(/[^\\s:'\"\\]]+)+", "<path>").strip();
    }
}
