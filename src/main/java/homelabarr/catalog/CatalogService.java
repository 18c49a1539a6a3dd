package homelabarr.catalog;

import homelabarr.http.Access;
import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.http.ListBody;
import homelabarr.http.Printable;
import homelabarr.http.QueryParams;
import homelabarr.http.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The public catalog: {@code /applications}, its categories and one app; plus template errors for admins. */
public final class CatalogService implements HttpService {
    private final Catalog catalog;
    private final Function<AppTemplate, List<String>> adminReasons;
    private final Json json;
    private final Authenticator authenticator;

    /**
     * @param adminReasons why a non-admin may not deploy an app with its default settings (empty: anyone who deploys
     *                     may); the deploy policy's view, given as a function since the policy builds on the catalog
     */
    public CatalogService(Catalog catalog, Function<AppTemplate, List<String>> adminReasons, Json json,
                          Authenticator authenticator) {
        this.catalog = catalog;
        this.adminReasons = adminReasons;
        this.json = json;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        new Routes(rules, authenticator)
                .get("/applications", Access.PUBLIC, (req, res, who) -> list(req, res))
                .get("/applications/categories", Access.PUBLIC, (req, res, who) -> sendCached(req, res, categories()))
                .get("/applications/errors", Access.ADMIN, (req, res, who) -> errors(res))
                .get("/applications/{id}", Access.PUBLIC, (req, res, who) -> detail(req, res))
                .close();
    }

    private void list(ServerRequest req, ServerResponse res) {
        String category = QueryParams.text(req, "category").orElse(null);
        String q = QueryParams.text(req, "q").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        if (q != null && q.length() > 100) {
            throw ApiException.invalidField("q", "at most 100 characters");
        }
        List<AppViews.Summary> data = catalog.snapshot().apps().stream()
                .filter(a -> category == null || a.category().equals(category))
                .filter(a -> q == null || a.info().name().toLowerCase(Locale.ROOT).contains(q)
                        || a.info().description().toLowerCase(Locale.ROOT).contains(q)
                        || a.id().contains(q))
                .map(a -> AppViews.summary(a, adminReasons.apply(a))).toList();
        sendCached(req, res, ListBody.of(data));
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

    private void detail(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        AppTemplate app = catalog.find(id)
                .orElseThrow(() -> ApiException.notFound("App not found", "No app with id '" + Printable.of(id, 80) + "' in the catalog"));
        sendCached(req, res, Map.of("success", true, "data", AppViews.detail(app, adminReasons.apply(app))));
    }

    private void errors(ServerResponse res) {
        Catalog.Snapshot snapshot = catalog.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", snapshot.customErrors());
        body.put("builtin", snapshot.builtinErrors());
        body.put("total", snapshot.customErrors().size());
        json.ok(res, body);
    }

    /** Answers 304 when the client already has this exact body (the catalog changes rarely; it is polled often). */
    private void sendCached(ServerRequest req, ServerResponse res, Object body) {
        byte[] bytes = json.bytes(body);
        String etag = "\"" + digest(bytes) + "\"";
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        boolean fresh = req.headers().first(HeaderNames.IF_NONE_MATCH)
                .map(h -> h.equals("*") || List.of(h.split("\\s*,\\s*")).contains(etag) || h.equals("W/" + etag))
                .orElse(false);
        if (fresh) {
            res.status(304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes);
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(String id) {
        String words = id.replace('-', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
