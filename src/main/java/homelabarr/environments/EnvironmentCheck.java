package homelabarr.environments;

import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.http.Printable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Asks one engine how it is: reachable, its version, its swarm role; bounded, so a dead host costs at most LIMIT. */
final class EnvironmentCheck {
    static final Duration LIMIT = Duration.ofSeconds(5);

    /** The outcome of one check; all null before the first. */
    record Status(boolean reachable, String engineVersion, String apiVersion, String swarmRole, String lastError,
                  Instant lastChecked) {
        static final Status UNCHECKED = new Status(false, null, null, null, null, null);
    }

    private final Clock clock;

    EnvironmentCheck(Clock clock) {
        this.clock = clock;
    }

    Status check(Engine engine) {
        try {
            Engine.Info info = engine.info(LIMIT);
            String role;
            try {
                role = engine.swarm(LIMIT).role();
            } catch (EngineException e) {
                role = null;
            }
            return new Status(true, info.version(), info.apiVersion(), role, null, clock.instant());
        } catch (EngineException e) {
            return new Status(false, null, null, null, why(e), clock.instant());
        }
    }

    Status unusable(String problem) {
        return new Status(false, null, null, null, problem, clock.instant());
    }

    /** What went wrong, from the deepest cause (refused, timed out, a TLS handshake failure), shortened. */
    private static String why(EngineException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == e ? "" : ": " + Printable.of(root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage()), 200);
        return e.action() + detail;
    }
}
