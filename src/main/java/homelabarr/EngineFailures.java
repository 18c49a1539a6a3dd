package homelabarr;

import homelabarr.docker.EngineException;
import homelabarr.http.ApiException;

/**
 * How an engine failure that no feature handled answers: the edge's one mapping from {@link EngineException} to a
 * status. The engine's own words can name host paths: they go to the log, masked, never into the answer.
 */
final class EngineFailures {
    private static final System.Logger LOG = System.getLogger(EngineFailures.class.getName());

    private EngineFailures() {
    }

    static ApiException answer(EngineException e) {
        return switch (e.kind()) {
            case UNREACHABLE -> ApiException.unavailable("Docker Engine unavailable",
                    "The Docker Engine is not reachable; the catalog still works");
            case NOT_FOUND -> ApiException.notFound("Not found", "The Docker Engine no longer knows the target of: "
                    + e.action());
            case CONFLICT -> ApiException.conflict("Conflict", "The Docker Engine refused to " + e.action()
                    + " in its current state");
            case BAD_REQUEST -> ApiException.badRequest("Rejected by the Docker Engine",
                    "The engine rejected the request to " + e.action());
            case FAILED -> {
                LOG.log(System.Logger.Level.WARNING, "Docker Engine failed to " + e.action() + " (" + e.status() + "): "
                        + e.maskedMessage());
                yield ApiException.of(502, "Docker Engine error", "The engine could not " + e.action()
                        + (e.status() > 0 ? " (status " + e.status() + ")" : "") + "; see the server log");
            }
        };
    }
}
