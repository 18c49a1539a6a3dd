package homelabarr.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import homelabarr.audit.ServiceParts;
import homelabarr.docker.Engine;
import homelabarr.environments.Environments;
import homelabarr.http.Access;
import homelabarr.http.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /health}: 200 healthy when the Docker Engine answers, 503 degraded (catalog-only) when it refuses the
 * connection or does not answer within ten seconds ({@link EngineCheck}: one shared ping, at most every two seconds).
 */
public final class HealthService implements HttpService {
    private final EngineCheck engine;
    private final Environments environments;
    private final Json json;
    private final ServiceParts parts;
    private final boolean authEnabled;
    private final String version;
    private final Clock clock;
    private final Instant started;

    public HealthService(Engine engine, Environments environments, ServiceParts parts, boolean authEnabled,
                         String version, Clock clock) {
        this.engine = new EngineCheck(engine);
        this.environments = environments;
        this.json = parts.json();
        this.parts = parts;
        this.authEnabled = authEnabled;
        this.version = version;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The answer; {@code reason} only when degraded. */
    record Health(String status, String reason, String version, Docker docker, List<EnvironmentStatus> environments,
                  Auth auth, long uptimeSeconds, Instant timestamp) {
    }

    /** The local engine: its versions only when connected. */
    record Docker(boolean connected, String version, String apiVersion) {
    }

    /** One environment's last known status; the fields are always written, null when not known yet. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EnvironmentStatus(String name, boolean connected, String version, String swarmRole, Instant lastChecked) {
    }

    record Auth(boolean enabled) {
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/health", Access.PUBLIC, (req, res, who) -> {
                    EngineCheck.Reading reading = engine.current();
                    boolean up = reading.reachable();
                    Docker docker = up ? new Docker(true, reading.info().version(), reading.info().apiVersion())
                            : new Docker(false, null, null);
                    json.send(res, up ? 200 : 503, new Health(up ? "healthy" : "degraded",
                            up ? null : reading.problem() + "; the catalog is still served, deployments and containers are not",
                            version, docker, environments(), new Auth(authEnabled),
                            Duration.between(started, clock.instant()).toSeconds(), clock.instant()));
                })
                .close();
    }

    /**
     * Every environment's last known status from the background checks: never a fresh ping, so a host that is
     * down does not slow this answer; the status code stays the local engine's, as before environments. No error
     * texts: this route is public, and they may name addresses (admins read them in GET /environments).
     */
    private List<EnvironmentStatus> environments() {
        return environments.statuses().stream().map(v -> new EnvironmentStatus(v.name(), v.reachable(),
                v.engineVersion(), v.swarmRole(), v.lastChecked())).toList();
    }
}
