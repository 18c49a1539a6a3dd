package homelabarr.auth;

import homelabarr.db.Database;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Issued tokens. A token is honoured only while its session row exists and is not revoked. */
final class SessionStore {
    private final Database db;
    private final Clock clock;

    SessionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void open(String jti, String userId, Instant expiresAt, String client) {
        db.update("INSERT INTO sessions (jti, user_id, created_at, expires_at, client) VALUES (?,?,?,?,?)",
                jti, userId, clock.instant().toString(), expiresAt.getEpochSecond(), client);
    }

    /** The user of a live session, if {@code jti} names one that belongs to {@code userId}. */
    Optional<User> liveUser(String jti, String userId) {
        return db.queryOne("SELECT u.id, u.username, u.role, u.must_change_password, u.created_at FROM sessions s "
                        + "JOIN users u ON u.id = s.user_id WHERE s.jti = ? AND s.user_id = ? AND s.revoked = 0 "
                        + "AND s.expires_at > ?",
                UserStore::user, jti, userId, clock.instant().getEpochSecond());
    }

    void revoke(String jti) {
        db.update("UPDATE sessions SET revoked = 1 WHERE jti = ?", jti);
    }

    void revokeAll(String userId) {
        db.update("UPDATE sessions SET revoked = 1 WHERE user_id = ?", userId);
    }

    void purgeExpired() {
        db.update("DELETE FROM sessions WHERE expires_at <= ?", clock.instant().getEpochSecond());
    }
}
