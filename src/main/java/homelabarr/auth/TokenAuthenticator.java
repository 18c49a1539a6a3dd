package homelabarr.auth;

import homelabarr.http.ApiException;
import homelabarr.http.Authenticator;
import homelabarr.http.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** Accepts {@code Authorization: Bearer <JWT>} and {@code Authorization: Bearer hlr_<key>}. */
final class TokenAuthenticator implements Authenticator {
    private final Tokens tokens;
    private final SessionStore sessions;
    private final ApiKeyStore keys;

    TokenAuthenticator(Tokens tokens, SessionStore sessions, ApiKeyStore keys) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.keys = keys;
    }

    @Override
    public Principal authenticate(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION)
                .orElseThrow(() -> ApiException.unauthorized("Send Authorization: Bearer <token or API key>"));
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("Use the Bearer scheme: Authorization: Bearer <token or API key>");
        }
        String credential = header.substring(7).strip();
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
        Tokens.Claims claims = tokens.verify(credential);
        User user = sessions.liveUser(claims.jti(), claims.userId())
                .orElseThrow(() -> ApiException.unauthorized("The session has ended; log in again"));
        return new Principal(user.id(), user.username(), user.role(), user.mustChangePassword(),
                Principal.Credential.TOKEN, claims.jti());
    }
}
