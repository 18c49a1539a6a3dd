package homelabarr.web;

import homelabarr.audit.ServiceParts;
import homelabarr.http.Access;
import homelabarr.http.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;


/**
 * {@code GET /}: the dashboard for a browser; for a client that asks for {@code application/json} (and always at
 * {@code /api/}) what this server is and where to start.
 */
public final class IndexService implements HttpService {
    private final Json json;
    private final ServiceParts parts;
    private final Dashboard dashboard;
    private final Index index;

    /** The JSON index: what this is, and where to start. */
    record Index(String name, String version, Links links) {
    }

    record Links(String dashboard, String health, String catalog, String login, String api) {
    }

    public IndexService(ServiceParts parts, String version, Dashboard dashboard) {
        this.json = parts.json();
        this.parts = parts;
        this.dashboard = dashboard;
        this.index = new Index("HomelabARR", version, new Links("/", "/health", "/applications", "/auth/login",
                "/api/ (the same routes under a prefix)"));
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/", Access.PUBLIC, (req, res, who) -> {
                    // the path as requested: under /api the routed path is relative to the prefix
                    boolean underApi = req.prologue().uriPath().path().startsWith("/api");
                    if (!underApi && dashboard.available() && !PageRequests.prefersJson(req)) {
                        dashboard.sendIndex(req, res);
                    } else {
                        json.ok(res, index);
                    }
                })
                .close();
    }
}
