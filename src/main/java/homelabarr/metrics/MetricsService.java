package homelabarr.metrics;

import homelabarr.audit.AuditLog;
import homelabarr.audit.ServiceParts;
import homelabarr.errors.Refused;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.DataBody;
import homelabarr.http.Json;
import homelabarr.http.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /metrics} in the Prometheus text format, for an administrator or the scrape token
 * ({@code Authorization: Bearer hlrm_...}), and {@code /metrics/token} where an administrator creates, rotates,
 * inspects and revokes that token.
 */
final class MetricsService implements HttpService {
    private final Metrics metrics;
    private final ScrapeToken token;
    private final ServiceParts parts;
    private final AuditLog audit;
    private final Json json;

    /** The scrape token as an administrator sees it: whether there is one, and which (never the token itself). */
    record TokenState(boolean exists, String prefix, Instant createdAt, String createdBy) {
    }

    /** An answer with a word for the administrator: a new token is shown once, a revoked one is gone. */
    record Told(boolean success, ScrapeToken.Created data, String message) {
    }

    MetricsService(Metrics metrics, ScrapeToken token, ServiceParts parts) {
        this.metrics = metrics;
        this.token = token;
        this.parts = parts;
        this.audit = parts.audit();
        this.json = parts.json();
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                // PUBLIC to the guard: scrape() admits the scrape token or an administrator itself
                .get("/metrics", Access.PUBLIC, (req, res, who) -> scrape(req, res))
                .get("/metrics/token", Access.ADMIN, (req, res, who) -> json.ok(res, DataBody.of(describe())))
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
            Principal who = parts.authenticator().authenticate(req);
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

    private TokenState describe() {
        return token.current().map(s -> new TokenState(true, s.prefix(), s.createdAt(), s.createdBy()))
                .orElse(new TokenState(false, null, null, null));
    }

    private void rotate(ServerRequest req, ServerResponse res, Principal who) {
        ScrapeToken.Created created = audit.change(() -> token.rotate(who.username()),
                c -> AuditLog.Entry.success(req, who, "metrics.token.rotate", c.prefix()));
        json.created(res, new Told(true, created,
                "Keep this token now: it is not shown again. Any earlier scrape token no longer works."));
    }

    private void revoke(ServerRequest req, ServerResponse res, Principal who) {
        if (token.current().isEmpty()) {
            throw Refused.notFound("No scrape token", "There is no scrape token to revoke");
        }
        audit.change(token::revoke, revoked -> AuditLog.Entry.success(req, who, "metrics.token.revoke", "scrape-token"));
        json.ok(res, new Told(true, null, "Scrape token revoked"));
    }
}
