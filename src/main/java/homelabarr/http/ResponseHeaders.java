package homelabarr.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/**
 * Headers every answer carries (no sniffing, no framing, no caching of API data), CORS for the one configured
 * origin, and an early 413 for bodies that announce a length over the limit.
 */
public final class ResponseHeaders implements Filter {
    private final Optional<String> corsOrigin;
    private final Json json;

    public ResponseHeaders(Optional<String> corsOrigin, Json json) {
        this.corsOrigin = corsOrigin;
        this.json = json;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header("X-Content-Type-Options", "nosniff");
        res.header("X-Frame-Options", "DENY");
        res.header("Referrer-Policy", "no-referrer");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (corsOrigin.isPresent() && req.headers().first(HeaderNames.ORIGIN).filter(corsOrigin.get()::equals).isPresent()) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin.get());
            res.header(HeaderNames.VARY, "Origin");
            if (req.prologue().method() == Method.OPTIONS
                    && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE");
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, Last-Event-ID, X-CSRF-Token");
                res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
                res.status(204).send();
                return;
            }
        }
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > json.maxBodyBytes()) {
            ApiException tooLarge = ApiException.payloadTooLarge(json.maxBodyBytes());
            res.header(HeaderNames.CONNECTION, "close");
            json.send(res, tooLarge.status(), new ErrorBody(tooLarge.error(), tooLarge.details()));
            return;
        }
        chain.proceed();
    }
}
