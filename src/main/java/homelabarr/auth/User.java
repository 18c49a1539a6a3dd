package homelabarr.auth;

import homelabarr.http.Role;

import java.time.Instant;

/** An account. The password hash never leaves the auth package's stores. */
record User(String id, String username, Role role, boolean mustChangePassword, Instant createdAt) {
}
