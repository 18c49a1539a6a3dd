package homelabarr.audit;

import homelabarr.http.Access;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.http.QueryParams;
import homelabarr.http.Routes;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /audit}: administrators page through the audit log, newest first. */
public final class AuditService implements HttpService {
    private static final int MAX_LIMIT = 500;
    private final AuditLog log;
    private final Json json;
    private final Authenticator authenticator;

    public AuditService(AuditLog log, Json json, Authenticator authenticator) {
        this.log = log;
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes routes = new Routes(rules, authenticator);
        routes.get("/audit", Access.ADMIN, (req, res, who) -> {
            int limit = (int) QueryParams.number(req, "limit", 50, 1, MAX_LIMIT);
            long before = QueryParams.number(req, "before", 0, 0, Long.MAX_VALUE);
            List<AuditEntry> entries = log.page(before, limit,
                    QueryParams.text(req, "action").orElse(null), QueryParams.text(req, "actor").orElse(null));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("data", entries);
            body.put("total", entries.size());
            if (entries.size() == limit) {
                body.put("nextBefore", entries.getLast().id());
            }
            json.ok(res, body);
        });
        routes.close();
    }
}
