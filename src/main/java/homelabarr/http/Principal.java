package homelabarr.http;

/**
 * Who is calling. {@code credentialId} is the token's jti or the API key's id, so logout can revoke exactly it.
 */
public record Principal(String userId, String username, Role role, boolean mustChangePassword,
                        Credential credential, String credentialId) {

    /** {@code COOKIE} is a token sent in the dashboard's session cookie rather than the Authorization header. */
    public enum Credential { TOKEN, COOKIE, API_KEY, AUTH_DISABLED, NONE }

    public static final Principal ANONYMOUS = new Principal(null, "anonymous", Role.VIEWER, false, Credential.NONE, null);

    /** Everyone is an administrator when authentication is switched off. */
    public static final Principal AUTH_DISABLED =
            new Principal(null, "auth-disabled", Role.ADMIN, false, Credential.AUTH_DISABLED, null);

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** A login session (its jti in {@code credentialId}), from the Authorization header or the cookie. */
    public boolean isSession() {
        return credential == Credential.TOKEN || credential == Credential.COOKIE;
    }

    public boolean hasAccount() {
        return userId != null;
    }
}
