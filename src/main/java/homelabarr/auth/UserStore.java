package homelabarr.auth;

import homelabarr.db.Database;
import homelabarr.db.DatabaseException;
import homelabarr.db.Ids;
import homelabarr.errors.Refused;
import homelabarr.http.Role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accounts in the {@code users} table. */
final class UserStore {
    private static final String COLUMNS = "id, username, role, must_change_password, created_at";
    private final Database db;
    private final Ids ids;
    private final Clock clock;

    record Credentials(User user, String passwordHash) {
    }

    UserStore(Database db, Ids ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    User create(String username, String passwordHash, Role role, boolean mustChangePassword) {
        String id = ids.next();
        String now = clock.instant().toString();
        try {
            db.update("INSERT INTO users (id, username, password_hash, role, must_change_password, created_at, updated_at) "
                    + "VALUES (?,?,?,?,?,?,?)", id, username, passwordHash, role.wireName(), mustChangePassword ? 1 : 0, now, now);
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw Refused.conflict("User already exists", "The username '" + username + "' is taken");
            }
            throw e;
        }
        return new User(id, username, role, mustChangePassword, Instant.parse(now));
    }

    long count() {
        return db.queryOne("SELECT COUNT(*) FROM users", r -> r.getLong(1)).orElse(0L);
    }

    long countAdmins() {
        return db.queryOne("SELECT COUNT(*) FROM users WHERE role = 'admin'", r -> r.getLong(1)).orElse(0L);
    }

    Optional<User> byId(String id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserStore::user, id);
    }

    Optional<Credentials> credentials(String username) {
        return db.queryOne("SELECT " + COLUMNS + ", password_hash FROM users WHERE username = ?",
                r -> new Credentials(user(r), r.getString("password_hash")), username);
    }

    Optional<String> passwordHash(String userId) {
        return db.queryOne("SELECT password_hash FROM users WHERE id = ?", r -> r.getString(1), userId);
    }

    List<User> all() {
        return db.query("SELECT " + COLUMNS + " FROM users ORDER BY created_at, username", UserStore::user);
    }

    void setPassword(String userId, String passwordHash, boolean mustChange) {
        db.update("UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?",
                passwordHash, mustChange ? 1 : 0, clock.instant().toString(), userId);
    }

    void setRole(String userId, Role role) {
        db.update("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role.wireName(), clock.instant().toString(), userId);
    }

    boolean delete(String userId) {
        return db.update("DELETE FROM users WHERE id = ?", userId) == 1;
    }

    static User user(ResultSet r) throws SQLException {
        return new User(r.getString("id"), r.getString("username"), Role.parse("role", r.getString("role")),
                r.getInt("must_change_password") == 1, Instant.parse(r.getString("created_at")));
    }
}
