package homelabarr.catalog;

import homelabarr.errors.Refused;
import homelabarr.http.DataBody;
import homelabarr.http.Json;
import homelabarr.http.Printable;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One app as the catalog shows it ({@code GET /applications/{id}}), rendered once per catalog and deploy-policy
 * version. The route itself stands beside {@code DELETE /applications/{id}} in the deploy feature.
 */
public final class AppPage {
    private final Catalog catalog;
    private final Function<AppTemplate, List<String>> adminReasons;
    private final Json json;
    private final CatalogPages pages;

    /** {@code adminReasons} and {@code policyVersion} as for {@link CatalogService}. */
    public AppPage(Catalog catalog, Function<AppTemplate, List<String>> adminReasons, LongSupplier policyVersion, Json json) {
        this.catalog = catalog;
        this.adminReasons = adminReasons;
        this.json = json;
        this.pages = new CatalogPages(catalog, policyVersion);
    }

    public void send(ServerRequest req, ServerResponse res, String id) {
        AppTemplate app = catalog.find(id).orElseThrow(() -> Refused.notFound("App not found",
                "No app with id '" + Printable.of(id, 80) + "' in the catalog"));
        pages.page("app/" + app.id(), () -> json.bytes(DataBody.of(AppViews.detail(app, adminReasons.apply(app)))))
                .send(req, res);
    }
}
