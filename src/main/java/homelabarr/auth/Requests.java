package homelabarr.auth;

/** Request bodies of the auth routes. Unknown fields are rejected by the JSON reader. */
final class Requests {
    private Requests() {
    }

    record Login(String username, String password) {
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
