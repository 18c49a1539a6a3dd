package homelabarr.metrics;

import homelabarr.http.Routes;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Set;

/**
 * Counts and times every request by method, route template and status, when its response has been sent (so errors
 * the mapper writes count with their status). A request no route matched (404s, the dashboard's files) counts as
 * route {@code other}: the raw path never becomes a label, so a scanner cannot blow up the series.
 */
final class RequestMetrics implements Filter {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    private final Metrics metrics;

    RequestMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String method = req.prologue().method().text();
        res.whenSent(() -> metrics.request(METHODS.contains(method) ? method : "OTHER",
                req.context().get(Routes.ROUTE_TEMPLATE, String.class).orElse("other"),
                res.status().code(), System.nanoTime() - start));
        chain.proceed();
    }
}
