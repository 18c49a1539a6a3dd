package homelabarr.auth;

import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/**
 * Accepts {@code Authorization: Bearer <JWT>} and {@code Authorization: Bearer hlr_<key>} first; without that
 * header, the dashboard's session cookie, whose state-changing requests must pass the CSRF check.
 */
final class TokenAuthenticator implements Authenticator {
    private final Tokens tokens;
    private final SessionStore sessions;
    private final ApiKeyStore keys;
    private final BrowserSessions browser;

    TokenAuthenticator(Tokens tokens, SessionStore sessions, ApiKeyStore keys, BrowserSessions browser) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.keys = keys;
        this.browser = browser;
    }

    @Override
    public Principal authenticate(ServerRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            Optional<String> cookie = BrowserSessions.cookie(req);
            if (cookie.isPresent()) {
                return fromCookie(req, cookie.get());
            }
            throw ApiException.unauthorized("Send Authorization: Bearer <token or API key>");
        }
        if (header.get().length() < 7 || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("Use the Bearer scheme: Authorization: Bearer <token or API key>");
        }
        String credential = header.get().substring(7).strip();
        if (credential.length() > 4096) {
            throw ApiException.unauthorized("The token is malformed");
        }
        if (credential.startsWith(ApiKeyStore.PREFIX)) {
            ApiKeyStore.Owner owner = keys.authenticate(credential)
                    .orElseThrow(() -> ApiException.unauthorized("The API key is not valid (it may have been deleted)"));
            User user = owner.user();
            return new Principal(user.id(), user.username(), user.role(), user.mustChangePassword(),
                    Principal.Credential.API_KEY, owner.keyId());
        }
        return session(credential, Principal.Credential.TOKEN);
    }

    /** A cookie that no longer works is cleared with the 401, so the browser stops sending it. */
    private Principal fromCookie(ServerRequest req, String token) {
        Principal who;
        try {
            if (token.length() > 4096) {
                throw ApiException.unauthorized("The session cookie is malformed");
            }
            who = session(token, Principal.Credential.COOKIE);
        } catch (ApiException e) {
            throw e.withHeader(HeaderNames.SET_COOKIE_NAME, browser.clearCookie(req));
        }
        browser.checkCsrf(req, who.credentialId());
        return who;
    }

    private Principal session(String token, Principal.Credential credential) {
        Tokens.Claims claims = tokens.verify(token);
        User user = sessions.liveUser(claims.jti(), claims.userId())
                .orElseThrow(() -> ApiException.unauthorized("The session has ended; log in again"));
        return new Principal(user.id(), user.username(), user.role(), user.mustChangePassword(), credential, claims.jti());
    }
}
