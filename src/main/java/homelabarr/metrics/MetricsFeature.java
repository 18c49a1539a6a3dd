package homelabarr.metrics;

import homelabarr.audit.ServiceParts;
import homelabarr.db.Database;
import homelabarr.docker.Engine;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;

/** The metrics feature, wired: the registry, the request filter, the timed engine and the /metrics routes. */
public final class MetricsFeature {
    private final Metrics metrics = new Metrics();

    public Metrics metrics() {
        return metrics;
    }

    /** {@code engine}, with every call timed. */
    public Engine timed(Engine engine) {
        return TimedEngine.wrap(engine, metrics);
    }

    /** Counts and times requests; add it before the other filters so it sees their refusals too. */
    public Filter requests() {
        return new RequestMetrics(metrics);
    }

    public HttpService service(Database db, ServiceParts parts, Clock clock) {
        return new MetricsService(metrics, new ScrapeToken(db, parts.json().mapper(), clock), parts);
    }
}
