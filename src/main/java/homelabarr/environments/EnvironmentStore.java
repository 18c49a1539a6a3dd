package homelabarr.environments;

import homelabarr.db.Database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** The {@code environments} table: addresses and TLS material; client keys only sealed by the {@link homelabarr.db.SecretBox}. */
final class EnvironmentStore {
    /** One row; {@code sealedKey} is encrypted, the certificates are public material. */
    record Row(String name, String address, String ca, String cert, String sealedKey, String caPath, String certPath,
               String keyPath) {
        boolean tls() {
            return ca != null || caPath != null;
        }
    }

    private final Database db;
    private final Clock clock;

    EnvironmentStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    List<Row> all() {
        return db.query("SELECT * FROM environments ORDER BY name", EnvironmentStore::row);
    }

    void add(Row r, String createdBy) {
        db.update("INSERT INTO environments (name, address, tls_ca, tls_cert, tls_key, ca_path, cert_path, key_path,"
                        + " created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)", r.name(), r.address(), r.ca(), r.cert(),
                r.sealedKey(), r.caPath(), r.certPath(), r.keyPath(), createdBy, clock.instant().toString());
    }

    /**
     * Renames the environment and moves its deployments' records with it, in one transaction: a deployment's
     * environment is a name, and a half-done rename would leave deployments pointing at no environment.
     */
    void rename(String from, String to) {
        db.transaction(tx -> {
            tx.update("UPDATE environments SET name = ? WHERE name = ?", to, from);
            tx.update("UPDATE deployments SET environment = ? WHERE environment = ?", to, from);
            return null;
        });
    }

    /** Deployments on {@code name} that have not ended (they still need its engine, for their work or rollback). */
    int running(String name) {
        return db.queryOne("SELECT COUNT(*) FROM deployments WHERE environment = ? AND status IN"
                + " ('queued','pulling','creating','starting','verifying')", rs -> rs.getInt(1), name).orElse(0);
    }

    void remove(String name) {
        db.update("DELETE FROM environments WHERE name = ?", name);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("name"), rs.getString("address"), rs.getString("tls_ca"), rs.getString("tls_cert"),
                rs.getString("tls_key"), rs.getString("ca_path"), rs.getString("cert_path"), rs.getString("key_path"));
    }
}
