package homelabarr.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Locale;
import java.util.Set;

/**
 * Which requests get the dashboard's page. API paths always answer JSON, even to a browser that opens one; every
 * other GET that asks for HTML gets {@code index.html} and the page's router shows the screen (or its own 404).
 */
final class PageRequests {
    /** First path segments that never get the page: the API's (also served under /api) and the asset folder. */
    static final Set<String> API_ROOTS = Set.of("api", "auth", "applications", "deploy", "deployments", "stream",
            "containers", "ports", "health", "audit", "assets");

    private PageRequests() {
    }

    static boolean isApiPath(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        String first = slash < 0 ? trimmed : trimmed.substring(0, slash);
        return API_ROOTS.contains(first.toLowerCase(Locale.ROOT));
    }

    /** A client route of the dashboard: not an API path, and the client (a browser navigating) accepts HTML. */
    static boolean isPageNavigation(ServerRequest req) {
        return !isApiPath(req.prologue().uriPath().path()) && quality(accept(req), "text/html") > 0;
    }

    /** For {@code /}: the page unless the client prefers JSON (it names application/json at least as high). */
    static boolean prefersJson(ServerRequest req) {
        String accept = accept(req);
        double json = quality(accept, "application/json");
        return json > 0 && json >= quality(accept, "text/html");
    }

    private static String accept(ServerRequest req) {
        return String.join(",", req.headers().all(HeaderNames.ACCEPT, java.util.List::of)).toLowerCase(Locale.ROOT);
    }

    /** The q-value the Accept header gives exactly this type (0 when it is not named; wildcards do not count). */
    static double quality(String accept, String type) {
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (!parts[0].strip().equals(type)) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            return q;
        }
        return 0;
    }
}
