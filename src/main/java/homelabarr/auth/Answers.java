package homelabarr.auth;

import java.time.Instant;

/** Answer bodies of the auth routes. A null field is left out of the JSON. */
final class Answers {
    private Answers() {
    }

    /** A login: the token in the body, or for a cookie session the CSRF token the page must send back. */
    record Login(String token, String csrfToken, LoginUser user, Instant expiresAt, boolean mustChangePassword) {
    }

    record LoginUser(String username, String role) {
    }

    /** {@code GET /auth/me}: with a cookie session also the CSRF token, so a reloaded page can recover it. */
    record Me(Caller user, String csrfToken) {
    }

    /** The caller; no id when authentication is off. */
    record Caller(String id, String username, String role, boolean mustChangePassword, String authMethod) {
    }

    /** A changed password comes with a fresh token (or, for a cookie session, a fresh CSRF token). */
    record PasswordChanged(boolean success, String token, String csrfToken, Instant expiresAt) {
    }

    record OneUser(UserView user) {
    }
}
