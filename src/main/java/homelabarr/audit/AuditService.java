package homelabarr.audit;

import homelabarr.http.Access;
import homelabarr.http.Json;
import homelabarr.http.QueryParams;
import homelabarr.http.Routes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/** {@code GET /audit}: administrators page through the audit log, newest first. */
public final class AuditService implements HttpService {
    private static final int MAX_LIMIT = 500;
    private final AuditLog log;
    private final Json json;
    private final ServiceParts parts;

    public AuditService(ServiceParts parts) {
        this.log = parts.audit();
        this.json = parts.json();
        this.parts = parts;
    }

    /** A page of the log, newest first; {@code nextBefore} asks for the next page when this one was full. */
    record Page(boolean success, List<AuditEntry> data, int total, Long nextBefore) {
    }

    @Override
    public void routing(HttpRules rules) {
        Routes routes = parts.routes(rules);
        routes.get("/audit", Access.ADMIN, (req, res, who) -> {
            int limit = (int) QueryParams.number(req, "limit", 50, 1, MAX_LIMIT);
            long before = QueryParams.number(req, "before", 0, 0, Long.MAX_VALUE);
            List<AuditEntry> entries = log.page(before, limit,
                    QueryParams.text(req, "action").orElse(null), QueryParams.text(req, "actor").orElse(null));
            json.ok(res, new Page(true, entries, entries.size(), entries.size() == limit ? entries.getLast().id() : null));
        });
        routes.close();
    }
}
