package homelabarr.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import homelabarr.db.Database;
import homelabarr.db.DatabaseException;
import homelabarr.db.Ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys: {@code hlr_} + 32 random bytes. Only a SHA-256 digest and a short prefix are stored, so the database
 * alone cannot be used to call the API. A plain digest is enough because the key itself has 256 bits of entropy.
 */
final class ApiKeyStore {
    static final String PREFIX = "hlr_";
    private static final System.Logger LOG = System.getLogger(ApiKeyStore.class.getName());
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private final Database db;
    private final Ids ids;
    private final Clock clock;

    record Created(String id, String key, String name, String prefix, Instant createdAt) {
    }

    /** {@code lastUsedAt} is listed as null until first use, rather than left out, so every listing has each field. */
    record KeyView(String id, String name, String prefix, Instant createdAt,
                   @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastUsedAt) {
    }

    record Owner(String keyId, User user) {
    }

    ApiKeyStore(Database db, Ids ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    Created create(String userId, String name) {
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ids.bytes(32));
        String id = ids.next();
        String prefix = key.substring(0, PREFIX.length() + 6);
        Instant now = clock.instant();
        db.update("INSERT INTO api_keys (id, user_id, name, prefix, digest, created_at) VALUES (?,?,?,?,?,?)",
                id, userId, name, prefix, digest(key), now.toString());
        return new Created(id, key, name, prefix, now);
    }

    List<KeyView> list(String userId) {
        return db.query("SELECT id, name, prefix, created_at, last_used_at FROM api_keys WHERE user_id = ? "
                + "ORDER BY created_at DESC", r -> new KeyView(r.getString("id"), r.getString("name"),
                r.getString("prefix"), Instant.parse(r.getString("created_at")),
                Optional.ofNullable(r.getString("last_used_at")).map(Instant::parse).orElse(null)), userId);
    }

    boolean delete(String userId, String keyId) {
        return db.update("DELETE FROM api_keys WHERE id = ? AND user_id = ?", keyId, userId) == 1;
    }

    /** The key's owner, recording the use at most once a minute to spare the disk. */
    Optional<Owner> authenticate(String key) {
        Instant now = clock.instant();
        Optional<Match> match = db.queryOne("SELECT k.id AS key_id, k.last_used_at, u.id, u.username, u.role, "
                        + "u.must_change_password, u.created_at FROM api_keys k JOIN users u ON u.id = k.user_id "
                        + "WHERE k.digest = ?",
                r -> new Match(r.getString("key_id"), Optional.ofNullable(r.getString("last_used_at"))
                        .map(Instant::parse).orElse(Instant.EPOCH), UserStore.user(r)),
                digest(key));
        match.filter(m -> m.lastUsedAt().plus(TOUCH_INTERVAL).isBefore(now)).ifPresent(m -> touch(m.keyId(), now));
        return match.map(m -> new Owner(m.keyId(), m.user()));
    }

    /**
     * Best effort: a full disk must not turn every request made with an API key, reads included, into an error;
     * the time of use is noted again at the next request.
     */
    private void touch(String keyId, Instant now) {
        try {
            db.update("UPDATE api_keys SET last_used_at = ? WHERE id = ?", now.toString(), keyId);
        } catch (DatabaseException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not note the use of an API key: " + e.getMessage());
        }
    }

    private record Match(String keyId, Instant lastUsedAt, User user) {
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
