package homelabarr.updates;

import homelabarr.db.Database;
import homelabarr.db.SecretBox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Registry logins an administrator stored, one per registry host. The password is sealed by the {@link SecretBox}
 * for its registry (a row moved to another registry does not open); only the registry and user name are listed.
 */
final class RegistryLogins {
    private final Database db;
    private final SecretBox box;
    private final Clock clock;

    /** What the API shows of a stored login. */
    record Listed(String registry, String username, String updatedBy, Instant updatedAt) {
    }

    RegistryLogins(Database db, SecretBox box, Clock clock) {
        this.db = db;
        this.box = box;
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
        return box.seal(password, "registry_credentials/" + registry);
    }

    private String decrypt(String registry, String stored) {
        try {
            return box.open(stored, "registry_credentials/" + registry);
        } catch (IllegalStateException e) {
            // a replaced secret-key: the login is useless, and says so rather than sending garbage
            throw new IllegalStateException("The stored login for " + registry + " cannot be decrypted (secret-key changed?)");
        }
    }
}
