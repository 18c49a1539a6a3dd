package homelabarr.auth;

/** Request bodies of the auth routes. Unknown fields are rejected by the JSON reader. */
final class Requests {
    private Requests() {
    }

    /** {@code session: "cookie"} asks for the dashboard's cookie session instead of a token in the body. */
    record Login(String username, String password, String session) {
        boolean cookie() {
            if (session == null || session.equals("token")) {
                return false;
            }
            if (session.equals("cookie")) {
                return true;
            }
            throw homelabarr.http.ApiException.invalidField("session", "must be cookie or token");
        }
    }

    record ChangePassword(String currentPassword, String newPassword) {
    }

    record CreateUser(String username, String password, String role) {
    }

    record UpdateUser(String role, String password) {
    }

    record CreateKey(String name) {
    }
}
