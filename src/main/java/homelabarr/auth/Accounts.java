package homelabarr.auth;

import homelabarr.errors.Refused;
import homelabarr.http.ApiException;
import homelabarr.http.Principal;
import homelabarr.http.Role;

import java.util.List;
import java.util.Optional;

/** What can be done with accounts: log in and out, change passwords, and manage users. */
final class Accounts {
    private static final System.Logger LOG = System.getLogger(Accounts.class.getName());
    private static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._-]{2,31}";

    private final UserStore users;
    private final SessionStore sessions;
    private final Tokens tokens;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;

    record Login(Tokens.Issued token, User user) {
    }

    Accounts(UserStore users, SessionStore sessions, Tokens tokens, PasswordHasher hasher, PasswordPolicy policy,
             LoginThrottle throttle) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
    }

    /** On first start creates {@code admin}: with the configured password, or with "admin" that must be changed. */
    void bootstrap(Optional<String> adminPassword) {
        sessions.purgeExpired();
        if (users.count() > 0) {
            return;
        }
        if (adminPassword.isPresent()) {
            users.create("admin", hasher.hash(adminPassword.get()), Role.ADMIN, false);
            LOG.log(System.Logger.Level.INFO, "Created the admin account with the password from HOMELABARR_ADMIN_PASSWORD");
        } else {
            users.create("admin", hasher.hash("admin"), Role.ADMIN, true);
            LOG.log(System.Logger.Level.WARNING, "Created the admin account with password 'admin': log in and change it "
                    + "now (the account can do nothing else until then)");
        }
    }

    /** Checks a login; the caller opens the session ({@link #openSession}) together with its audit record. */
    User verify(String username, String password, String client) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw Refused.invalid("Invalid request", "username and password are required");
        }
        throttle.attempt(username, client);
        Optional<UserStore.Credentials> found = password.length() <= PasswordPolicy.MAX_LENGTH && username.length() <= 64
                ? users.credentials(username) : Optional.empty();
        boolean ok = found.isPresent()
                ? hasher.matches(password, found.get().passwordHash())
                : hasher.burn(password);
        if (!ok) {
            throw ApiException.unauthorized("Invalid username or password");
        }
        throttle.succeeded(username, client);
        return found.get().user();
    }

    Login openSession(User user, String client) {
        return new Login(openSession(user.id(), client), user);
    }

    private Tokens.Issued openSession(String userId, String client) {
        Tokens.Issued issued = tokens.issue(userId);
        sessions.open(issued.jti(), userId, issued.expiresAt(), client);
        return issued;
    }

    void logout(Principal who) {
        if (who.isSession()) {
            sessions.revoke(who.credentialId());
        }
    }

    /** Changes the caller's password, ends all their sessions and returns a fresh token for this client. */
    Tokens.Issued changePassword(Principal who, String current, String next, String client) {
        requireAccount(who);
        if (current == null || current.isEmpty()) {
            throw Refused.invalidField("currentPassword", "is required");
        }
        throttle.attempt(who.username(), client);
        String hash = users.passwordHash(who.userId()).orElseThrow(() -> ApiException.unauthorized("The account no longer exists"));
        if (!hasher.matches(current, hash)) {
            throw Refused.forbidden("Wrong password", "currentPassword does not match");
        }
        throttle.succeeded(who.username(), client);
        policy.check("newPassword", next, who.username());
        if (next.equals(current)) {
            throw Refused.invalidField("newPassword", "must differ from the current password");
        }
        users.setPassword(who.userId(), hasher.hash(next), false);
        sessions.revokeAll(who.userId());
        return openSession(who.userId(), client);
    }

    User createUser(String username, String password, String role) {
        if (username == null || !username.matches(USERNAME)) {
            throw Refused.invalidField("username",
                    "must be 3 to 32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Role parsed = Role.parse("role", role == null ? Role.USER.wireName() : role);
        policy.check("password", password, username);
        return users.create(username, hasher.hash(password), parsed, false);
    }

    List<User> listUsers() {
        return users.all();
    }

    /** Changes role and/or resets the password (the user must then choose a new one); ends their sessions. */
    User updateUser(Principal who, String userId, String role, String password) {
        User target = users.byId(userId).orElseThrow(() -> Refused.notFound("User not found", "No user with id " + userId));
        if (role == null && password == null) {
            throw Refused.invalid("Invalid request", "Give a role, a password, or both");
        }
        // Everything is checked before anything is written: a refused request must change nothing
        Role next = role == null ? null : Role.parse("role", role);
        if (next != null && target.role() == Role.ADMIN && next != Role.ADMIN && users.countAdmins() <= 1) {
            throw Refused.conflict("Last administrator", "At least one admin account must remain");
        }
        if (password != null) {
            policy.check("password", password, target.username());
        }
        if (next != null) {
            users.setRole(userId, next);
        }
        if (password != null) {
            users.setPassword(userId, hasher.hash(password), !userId.equals(who.userId()));
        }
        sessions.revokeAll(userId);
        return users.byId(userId).orElseThrow();
    }

    User deleteUser(Principal who, String userId) {
        User target = users.byId(userId).orElseThrow(() -> Refused.notFound("User not found", "No user with id " + userId));
        if (userId.equals(who.userId())) {
            throw Refused.conflict("Cannot delete yourself", "Ask another administrator to remove this account");
        }
        if (target.role() == Role.ADMIN && users.countAdmins() <= 1) {
            throw Refused.conflict("Last administrator", "At least one admin account must remain");
        }
        sessions.revokeAll(userId);
        users.delete(userId);
        return target;
    }

    static void requireAccount(Principal who) {
        if (!who.hasAccount()) {
            throw Refused.invalid("No account", "Authentication is disabled, so there is no signed-in account");
        }
    }
}
