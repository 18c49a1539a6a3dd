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

    /**
     * What went wrong, from the deepest cause (refused, timed out, a TLS handshake failure), in words: no exception
     * names, which say nothing to an operator and would read like a leak.
     */
    private static String why(EngineException e) {
        Throwable root = e;
        boolean tls = false;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            tls |= root instanceof javax.net.ssl.SSLException;
        }
        if (tls) {
            return e.action() + ": the TLS handshake failed (check the CA, the client certificate and key, and that the "
                    + "engine's certificate names this address)";
        }
        if (root == e || root.getMessage() == null) {
            return e.action();
        }
        String words = root.getMessage().replaceAll("[\\w.$]*(Exception|Error)\\b:?\\s*", "").strip();
        return words.isEmpty() ? e.action() : e.action() + ": " + Printable.of(words, 200);
    }
}
