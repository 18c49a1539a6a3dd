package homelabarr.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The one scrape token for /metrics: {@code hlrm_} and 32 random bytes, shown once; only its SHA-256 digest and a
 * short prefix are kept (in the settings table), as for API keys. Creating a new one replaces the old one.
 */
final class ScrapeToken {
    static final String PREFIX = "hlrm_";
    private static final String KEY = "metrics.scrape-token";

    /** What is stored, and what the API shows (without the digest). */
    record Stored(String digest, String prefix, Instant createdAt, String createdBy) {
    }

    record Created(String token, String prefix, Instant createdAt) {
    }

    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ScrapeToken(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    Created rotate(String by) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Stored stored = new Stored(digest(token), token.substring(0, PREFIX.length() + 4), now, by);
        try {
            db.update("INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?,?,?,?) ON CONFLICT (key)"
                    + " DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,"
                    + " updated_at = excluded.updated_at", KEY, mapper.writeValueAsString(stored), by, now.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Created(token, stored.prefix(), now);
    }

    boolean revoke() {
        return db.update("DELETE FROM settings WHERE key = ?", KEY) > 0;
    }

    Optional<Stored> current() {
        return db.queryOne("SELECT value FROM settings WHERE key = ?", row -> row.getString("value"), KEY).map(text -> {
            try {
                return mapper.readValue(text, Stored.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the stored scrape token is not valid JSON", e);
            }
        });
    }

    /** Compares digests in constant time. */
    boolean matches(String presented) {
        Optional<Stored> stored = current();
        return stored.isPresent() && MessageDigest.isEqual(
                stored.get().digest().getBytes(StandardCharsets.US_ASCII),
                digest(presented).getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
