package homelabarr.metrics;

import homelabarr.audit.AuditLog;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.http.Principal;
import homelabarr.http.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /metrics} in the Prometheus text format, for an administrator or the scrape token
 * ({@code Authorization: Bearer hlrm_...}), and {@code /metrics/token} where an administrator creates, rotates,
 * inspects and revokes that token.
 */
final class MetricsService implements HttpService {
    private final Metrics metrics;
    private final ScrapeToken token;
    private final AuditLog audit;
    private final Json json;
    private final Authenticator authenticator;

    MetricsService(Metrics metrics, ScrapeToken token, AuditLog audit, Json json, Authenticator authenticator) {
        this.metrics = metrics;
        this.token = token;
        this.audit = audit;
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                // PUBLIC to the guard: scrape() admits the scrape token or an administrator itself
                .get("/metrics", Access.PUBLIC, (req, res, who) -> scrape(req, res))
                .get("/metrics/token", Access.ADMIN, (req, res, who) -> json.ok(res, Map.of("success", true,
                        "data", describe())))
                .post("/metrics/token", Access.ADMIN, this::rotate)
                .delete("/metrics/token", Access.ADMIN, this::revoke)
                .close();
    }

    private void scrape(ServerRequest req, ServerResponse res) throws Exception {
        Optional<String> bearer = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer " + ScrapeToken.PREFIX, 0, 7 + ScrapeToken.PREFIX.length()))
                .map(h -> h.substring(7).strip());
        if (bearer.isPresent()) {
            if (!token.matches(bearer.get())) {
                throw ApiException.unauthorized("The scrape token is not valid (it may have been rotated)");
            }
        } else {
            Principal who = authenticator.authenticate(req);
            if (!who.isAdmin() || who.mustChangePassword()) {
                throw ApiException.forbidden("Forbidden", "/metrics needs the admin role or the scrape token");
            }
        }
        res.header(HeaderNames.CONTENT_TYPE, Metrics.contentType());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        try (OutputStream out = res.outputStream()) {
            metrics.write(out);
        }
    }

    private Map<String, Object> describe() {
        Map<String, Object> data = new LinkedHashMap<>();
        Optional<ScrapeToken.Stored> stored = token.current();
        data.put("exists", stored.isPresent());
        stored.ifPresent(s -> {
            data.put("prefix", s.prefix());
            data.put("createdAt", s.createdAt());
            data.put("createdBy", s.createdBy());
        });
        return data;
    }

    private void rotate(ServerRequest req, ServerResponse res, Principal who) {
        ScrapeToken.Created created = audit.change(() -> token.rotate(who.username()),
                c -> AuditLog.Entry.success(req, who, "metrics.token.rotate", c.prefix()));
        json.created(res, Map.of("success", true, "data", created,
                "message", "Keep this token now: it is not shown again. Any earlier scrape token no longer works."));
    }

    private void revoke(ServerRequest req, ServerResponse res, Principal who) {
        if (token.current().isEmpty()) {
            throw ApiException.notFound("No scrape token", "There is no scrape token to revoke");
        }
        audit.change(token::revoke, revoked -> AuditLog.Entry.success(req, who, "metrics.token.revoke", "scrape-token"));
        json.ok(res, Map.of("success", true, "message", "Scrape token revoked"));
    }
}
