package homelabarr.health;

import homelabarr.docker.Engine;
import homelabarr.environments.Environments;
import homelabarr.http.Access;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.http.Routes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: 200 healthy when the Docker Engine answers, 503 degraded (catalog-only) when it refuses the
 * connection or does not answer within ten seconds ({@link EngineCheck}: one shared ping, at most every two seconds).
 */
public final class HealthService implements HttpService {
    private final EngineCheck engine;
    private final Environments environments;
    private final Json json;
    private final Authenticator authenticator;
    private final boolean authEnabled;
    private final String version;
    private final Clock clock;
    private final Instant started;

    public HealthService(Engine engine, Environments environments, Json json, Authenticator authenticator,
                         boolean authEnabled, String version,
                         Clock clock) {
        this.engine = new EngineCheck(engine);
        this.environments = environments;
        this.json = json;
        this.authenticator = authenticator;
        this.authEnabled = authEnabled;
        this.version = version;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .get("/health", Access.PUBLIC, (req, res, who) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    Map<String, Object> docker = new LinkedHashMap<>();
                    int status;
                    EngineCheck.Reading reading = engine.current();
                    if (reading.reachable()) {
                        status = 200;
                        body.put("status", "healthy");
                        docker.put("connected", true);
                        docker.put("version", reading.info().version());
                        docker.put("apiVersion", reading.info().apiVersion());
                    } else {
                        status = 503;
                        body.put("status", "degraded");
                        body.put("reason", reading.problem() + "; the catalog is still served, deployments and containers are not");
                        docker.put("connected", false);
                    }
                    body.put("version", version);
                    body.put("docker", docker);
                    body.put("environments", environments());
                    body.put("auth", Map.of("enabled", authEnabled));
                    body.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
                    body.put("timestamp", clock.instant());
                    json.send(res, status, body);
                })
                .close();
    }

    /**
     * Every environment's last known status from the background checks: never a fresh ping, so a host that is
     * down does not slow this answer; the status code stays the local engine's, as before environments. No error
     * texts: this route is public, and they may name addresses (admins read them in GET /environments).
     */
    private List<Map<String, Object>> environments() {
        List<Map<String, Object>> out = new ArrayList<>();
        environments.statuses().forEach(v -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", v.name());
            e.put("connected", v.reachable());
            e.put("version", v.engineVersion());
            e.put("swarmRole", v.swarmRole());
            e.put("lastChecked", v.lastChecked());
            out.add(e);
        });
        return out;
    }
}
