package homelabarr.updates;

import homelabarr.catalog.ImageRef;
import homelabarr.catalog.TemplateException;
import homelabarr.db.Database;
import homelabarr.db.SecretBox;
import homelabarr.docker.RegistryAuth;

import java.nio.file.Path;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Registry logins an administrator stored, one per registry host. The password is sealed by the {@link SecretBox}
 * for its registry (a row moved to another registry does not open); only the registry and user name are listed.
 * The update checks use them for their manifest questions, and every pull (deploys and updates, on any environment)
 * hands them to the engine. Built before the deploy feature, whose pulls need it.
 */
public final class RegistryLogins implements RegistryAuth.Lookup {
    private static final System.Logger LOG = System.getLogger(RegistryLogins.class.getName());
    /** The server address the engine knows Docker Hub logins by. */
    private static final String DOCKER_HUB_ADDRESS = "https://index.docker.io/v1/";
    private final Database db;
    private final SecretBox box;
    private final Clock clock;

    /** What the API shows of a stored login. */
    record Listed(String registry, String username, String updatedBy, Instant updatedAt) {
    }

    public RegistryLogins(Database db, Path dataDir, Clock clock) {
        this(db, SecretBox.inDataDir(dataDir), clock);
    }

    RegistryLogins(Database db, SecretBox box, Clock clock) {
        this.db = db;
        this.box = box;
        this.clock = clock;
    }

    /** The stored login of {@code image}'s registry, for the engine's pull. */
    @Override
    public Optional<RegistryAuth> forImage(String image) {
        Registry registry;
        try {
            registry = Registry.of(ImageRef.parse(image));
        } catch (TemplateException e) {
            return Optional.empty();
        }
        try {
            return find(registry.host()).map(login -> new RegistryAuth(Registry.DOCKER_HUB.equals(registry.host())
                    ? DOCKER_HUB_ADDRESS : registry.host(), login.username(), login.password()));
        } catch (IllegalStateException e) {
            // pulled without it: the registry's refusal then says what is missing, and this says why
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
            return Optional.empty();
        }
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
