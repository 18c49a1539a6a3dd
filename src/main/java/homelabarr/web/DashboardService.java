package homelabarr.web;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * Serves the dashboard: hashed files under {@code /assets/}, and {@code index.html} for the page's own routes
 * ({@code /catalog}, {@code /apps/…}, {@code /host/containers}…). Registered after the API, at the root only, and
 * it passes on whatever it does not serve, so API routes and the JSON 404 stay as they are.
 */
public final class DashboardService implements HttpService {
    private final Dashboard dashboard;

    public DashboardService(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/assets/{name}", (req, res) -> {
            if (!dashboard.sendAsset(req, res, req.path().pathParameters().get("name"))) {
                res.next();
            }
        });
        rules.get("/*", (req, res) -> {
            if (dashboard.available() && PageRequests.isPageNavigation(req)) {
                dashboard.sendIndex(req, res);
            } else {
                res.next();
            }
        });
    }
}
