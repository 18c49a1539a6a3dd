package homelabarr.auth;

import homelabarr.http.ApiException;
import homelabarr.http.ClientAddress;
import homelabarr.http.Origins;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's session: the JWT travels in an {@code HttpOnly; SameSite=Strict} cookie that page scripts cannot
 * read, so an XSS cannot steal it, and {@code EventSource} (which cannot send headers) still authenticates. Because
 * the browser attaches a cookie by itself, a state-changing request must also prove it comes from our page: it
 * carries {@code X-CSRF-Token}, an HMAC of the session's jti that only our page learned (from the login answer or
 * {@code GET /auth/me}), and its {@code Origin}, when sent, must be ours.
 */
final class BrowserSessions {
    static final String COOKIE = "hlr_session";
    static final HeaderName CSRF_HEADER = HeaderNames.create("X-CSRF-Token");
    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Optional<String> corsOrigin;

    BrowserSessions(byte[] jwtSecret, Duration lifetime, Optional<String> corsOrigin) {
        this.key = new SecretKeySpec(jwtSecret, "HmacSHA256");
        this.lifetime = lifetime;
        this.corsOrigin = corsOrigin;
    }

    /** The CSRF token of the session {@code jti}: derived, not stored, so any server restart still knows it. */
    String csrfToken(String jti) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("csrf:" + jti).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The session cookie's value, when the request carries one. */
    static Optional<String> cookie(ServerRequest req) {
        for (String header : req.headers().all(HeaderNames.COOKIE, java.util.List::of)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(COOKIE)) {
                    String value = pair.substring(eq + 1).strip();
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code Set-Cookie} that stores {@code token} for as long as the token lives. */
    String setCookie(ServerRequest req, String token) {
        return COOKIE + "=" + token + attributes(req, lifetime.toSeconds());
    }

    /** {@code Set-Cookie} that makes the browser forget the session. */
    String clearCookie(ServerRequest req) {
        return COOKIE + "=" + attributes(req, 0);
    }

    private static String attributes(ServerRequest req, long maxAge) {
        return "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge + (ClientAddress.secure(req) ? "; Secure" : "");
    }

    /** For a cookie-authenticated request: unsafe methods need our CSRF token and, when an Origin is sent, ours. */
    void checkCsrf(ServerRequest req, String jti) {
        if (SAFE.contains(req.prologue().method())) {
            return;
        }
        String sent = req.headers().first(CSRF_HEADER).map(String::strip).orElse("");
        if (sent.isEmpty()) {
            throw csrfFailed("Send the header X-CSRF-Token with the csrfToken from /auth/login or /auth/me");
        }
        if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                csrfToken(jti).getBytes(StandardCharsets.UTF_8))) {
            throw csrfFailed("X-CSRF-Token does not belong to this session");
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !Origins.matchesAny(origin.get(), ClientAddress.origin(req), corsOrigin)) {
            throw csrfFailed("The request comes from another site (Origin does not match this server)");
        }
    }

    private static ApiException csrfFailed(String details) {
        return ApiException.forbidden("CSRF check failed", details);
    }
}
