package homelabarr.catalog;

import homelabarr.audit.ServiceParts;
import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The public catalog: {@code /applications} and its categories; plus template errors for admins. One app's page is
 * {@link AppPage}, served beside its undeploy by the deploy feature.
 */
public final class CatalogService implements HttpService {
    private final Catalog catalog;
    private final Function<AppTemplate, List<String>> adminReasons;
    private final Json json;
    private final ServiceParts parts;
    private final CatalogPages pages;

    /**
     * @param adminReasons  why a non-admin may not deploy an app with its default settings (empty: anyone who deploys
     *                      may); the deploy policy's view, given as a function since the policy builds on the catalog
     * @param policyVersion changes whenever the deploy policy does, and with it {@code adminReasons}' answers
     */
    public CatalogService(Catalog catalog, Function<AppTemplate, List<String>> adminReasons, LongSupplier policyVersion,
                          ServiceParts parts) {
        this.catalog = catalog;
        this.adminReasons = adminReasons;
        this.json = parts.json();
        this.parts = parts;
        this.pages = new CatalogPages(catalog, policyVersion);
    }

    @Override
    public void routing(HttpRules rules) {
        parts.routes(rules)
                .get("/applications", Access.PUBLIC, (req, res, who) -> list(req, res))
                .get("/applications/categories", Access.PUBLIC,
                        (req, res, who) -> pages.page("categories", () -> json.bytes(categories())).send(req, res))
                .get("/applications/errors", Access.ADMIN, (req, res, who) -> errors(res))
                .close();
    }

    private void list(ServerRequest req, ServerResponse res) {
        String category = QueryParams.text(req, "category").orElse(null);
        String q = QueryParams.text(req, "q").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        if (q != null && q.length() > 100) {
            throw ApiException.invalidField("q", "at most 100 characters");
        }
        if (q != null) {
            RenderedPage.of(summaries(category, q)).send(req, res);
            return;
        }
        if (category != null && catalog.snapshot().apps().stream().noneMatch(a -> a.category().equals(category))) {
            RenderedPage.of(summaries(category, null)).send(req, res);  // not kept: any text may be asked for
            return;
        }
        String key = category == null ? "list" : "list/" + category;
        pages.page(key, () -> summaries(category, null)).send(req, res);
    }

    private byte[] summaries(String category, String q) {
        List<AppViews.Summary> data = catalog.snapshot().apps().stream()
                .filter(a -> category == null || a.category().equals(category))
                .filter(a -> q == null || a.info().name().toLowerCase(Locale.ROOT).contains(q)
                        || a.info().description().toLowerCase(Locale.ROOT).contains(q)
                        || a.id().contains(q))
                .map(a -> AppViews.summary(a, adminReasons.apply(a))).toList();
        return json.bytes(ListBody.of(data));
    }

    private ListBody categories() {
        Map<String, Integer> counts = new TreeMap<>();
        catalog.snapshot().apps().forEach(a -> counts.merge(a.category(), 1, Integer::sum));
        Map<String, String> names = AppViews.categoryNames();
        List<Map<String, Object>> data = counts.entrySet().stream().map(e -> Map.<String, Object>of(
                "id", e.getKey(),
                "name", names.getOrDefault(e.getKey(), title(e.getKey())),
                "count", e.getValue())).toList();
        return ListBody.of(data);
    }

    /** The custom templates that could not be read (the built-in ones too, which would be a bug). */
    record TemplateErrors(boolean success, List<TemplateError> data, List<TemplateError> builtin, int total) {
    }

    private void errors(ServerResponse res) {
        Catalog.Snapshot snapshot = catalog.snapshot();
        json.ok(res, new TemplateErrors(true, snapshot.customErrors(), snapshot.builtinErrors(),
                snapshot.customErrors().size()));
    }

    private static String title(String id) {
        String words = id.replace('-', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
