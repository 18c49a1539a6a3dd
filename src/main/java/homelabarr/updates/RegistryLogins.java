package homelabarr.updates;

import homelabarr.db.Database;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Registry logins an administrator stored, one per registry host. The password is AES-256-GCM encrypted (random
 * 96-bit nonce, the registry's name as associated data so a row cannot be moved to another registry); only the
 * registry and user name are ever listed.
 */
final class RegistryLogins {
    private static final int NONCE_BYTES = 12;
    private final Database db;
    private final SecretKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** What the API shows of a stored login. */
    record Listed(String registry, String username, String updatedBy, Instant updatedAt) {
    }

    RegistryLogins(Database db, SecretKey key, Clock clock) {
        this.db = db;
        this.key = key;
        this.clock = clock;
    }

    void put(String registry, String username, String password, String by) {
        db.update("INSERT INTO registry_credentials (registry, username, secret, updated_by, updated_at) VALUES (?,?,?,?,?)"
                        + " ON CONFLICT (registry) DO UPDATE SET username = excluded.username, secret = excluded.secret,"
                        + " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                registry, username, encrypt(registry, password), by, clock.instant().toString());
    }

    boolean remove(String registry) {
        return db.update("DELETE FROM registry_credentials WHERE registry = ?", registry) > 0;
    }

    List<Listed> list() {
        return db.query("SELECT registry, username, updated_by, updated_at FROM registry_credentials ORDER BY registry",
                row -> new Listed(row.getString(1), row.getString(2), row.getString(3), Instant.parse(row.getString(4))));
    }

    Optional<RegistryClient.Login> find(String registry) {
        return db.queryOne("SELECT username, secret FROM registry_credentials WHERE registry = ?",
                row -> new RegistryClient.Login(row.getString(1), decrypt(registry, row.getString(2))), registry);
    }

    private String encrypt(String registry, String password) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(registry.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private String decrypt(String registry, String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            cipher.updateAAD(registry.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a replaced registry-key: the login is useless, and says so rather than sending garbage
            throw new IllegalStateException("The stored login for " + registry + " cannot be decrypted (registry-key changed?)");
        }
    }
}
