package homelabarr.auth;

import java.time.Instant;

/** An account as the API shows it. */
record UserView(String id, String username, String role, boolean mustChangePassword, Instant createdAt) {
    static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.role().wireName(), user.mustChangePassword(),
                user.createdAt());
    }
}
