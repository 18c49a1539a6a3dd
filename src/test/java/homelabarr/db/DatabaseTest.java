package homelabarr.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data").resolve("homelabarr.db");
    }

    private static void insertUser(Database db, String id, String username) {
        db.update("INSERT INTO users (id, username, password_hash, role, created_at, updated_at) VALUES (?,?,?,?,?,?)",
                id, username, "hash", "user", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    }

    @Test
    void createsTheFileAndMigratesOnce() {
        try (Database db = new Database(file())) {
            assertThat(file()).exists();
            assertThat(db.query("SELECT name FROM sqlite_master WHERE type = 'table'", r -> r.getString(1)))
                    .contains("users", "sessions", "api_keys", "audit_log", "flyway_schema_history");
            insertUser(db, "u1", "kept");
        }
        try (Database db = new Database(file())) {
            assertThat(db.query("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL",
                    r -> r.getString(1))).containsExactlyElementsOf(migrationVersions());
            assertThat(db.query("SELECT username FROM users", r -> r.getString(1))).containsExactly("kept");
        }
    }

    /** The versions of the migration files, in order: each is applied exactly once. */
    private static List<String> migrationVersions() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString().replaceFirst("^V(\\d+)__.*", "$1"))
                    .sorted(Comparator.comparingInt(Integer::parseInt)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyConnectionUsesWalAndForeignKeys() {
        try (Database db = new Database(file())) {
            for (int i = 0; i < 10; i++) {
                assertThat(db.queryOne("PRAGMA journal_mode", r -> r.getString(1))).contains("wal");
                assertThat(db.queryOne("PRAGMA foreign_keys", r -> r.getInt(1))).contains(1);
            }
        }
    }

    @Test
    void deletingAUserCascadesToItsKeysAndSessions() {
        try (Database db = new Database(file())) {
            insertUser(db, "u1", "owner");
            db.update("INSERT INTO api_keys (id, user_id, name, prefix, digest, created_at) VALUES ('k1','u1','n','hlr_ab','d','t')");
            db.update("INSERT INTO sessions (jti, user_id, created_at, expires_at) VALUES ('j1','u1','t',0)");
            assertThatThrownBy(() -> db.update("INSERT INTO sessions (jti, user_id, created_at, expires_at) VALUES ('j2','ghost','t',0)"))
                    .isInstanceOf(DatabaseException.class);
            db.update("DELETE FROM users WHERE id = 'u1'");
            assertThat(db.queryOne("SELECT COUNT(*) FROM api_keys", r -> r.getLong(1))).contains(0L);
            assertThat(db.queryOne("SELECT COUNT(*) FROM sessions", r -> r.getLong(1))).contains(0L);
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (Database db = new Database(file())) {
            assertThatThrownBy(() -> db.transaction(tx -> {
                tx.update("INSERT INTO users (id, username, password_hash, role, created_at, updated_at) "
                        + "VALUES ('u1','half','h','user','t','t')");
                throw new IllegalStateException("second step failed");
            })).hasMessage("second step failed");
            assertThat(db.queryOne("SELECT COUNT(*) FROM users", r -> r.getLong(1))).contains(0L);
            int inserted = db.transaction(tx -> tx.update("INSERT INTO users (id, username, password_hash, role, created_at, "
                    + "updated_at) VALUES ('u2','whole','h','user','t','t')"));
            assertThat(inserted).isEqualTo(1);
            assertThat(db.queryOne("SELECT COUNT(*) FROM users", r -> r.getLong(1))).contains(1L);
        }
    }

    @Test
    void callsMadeInsideATransactionJoinIt() {
        try (Database db = new Database(file())) {
            assertThatThrownBy(() -> db.transaction(tx -> {
                insertUser(db, "u1", "joined");  // through the Database, not the Tx: the same transaction
                db.update("INSERT INTO audit_log (at, actor, action, result) VALUES ('t','a','user.create','success')");
                assertThat(db.queryOne("SELECT COUNT(*) FROM users", r -> r.getLong(1))).contains(1L);
                throw new IllegalStateException("the audit record could not be written");
            })).hasMessage("the audit record could not be written");
            assertThat(db.queryOne("SELECT COUNT(*) FROM users", r -> r.getLong(1))).contains(0L);
            assertThat(db.queryOne("SELECT COUNT(*) FROM audit_log", r -> r.getLong(1))).contains(0L);
        }
    }

    @Test
    void storageFailuresAreToldApartAndEveryConnectionRecovers() {
        try (Database db = new Database(file())) {
            db.onEveryConnection("query_only = 1");
            for (int i = 0; i < 8; i++) {  // more than the pool: every connection fails once
                int n = i;
                assertThatThrownBy(() -> db.transaction(tx -> tx.update("INSERT INTO users (id, username, "
                        + "password_hash, role, created_at, updated_at) VALUES (?,?,'h','user','t','t')", "r" + n, "r" + n)))
                        .isInstanceOfSatisfying(DatabaseException.class,
                                e -> assertThat(e.kind()).isEqualTo(DatabaseException.Kind.UNAVAILABLE));
            }
            db.onEveryConnection("query_only = 0");
            long pages = db.queryOne("PRAGMA page_count", r -> r.getLong(1)).orElseThrow();
            db.onEveryConnection("max_page_count = " + pages);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    int n = i;
                    db.transaction(tx -> tx.update("INSERT INTO audit_log (at, actor, action, result) VALUES (?,?,?,?)",
                            "t", "filler-" + n + "-".repeat(100), "test.fill", "success"));
                }
            }).isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.kind()).isEqualTo(DatabaseException.Kind.FULL));
            db.onEveryConnection("max_page_count = 1073741823");
            for (int i = 0; i < 8; i++) {
                insertUser(db, "ok" + i, "ok" + i);
                db.transaction(tx -> tx.update("UPDATE users SET role = 'viewer'"));
            }
            assertThat(db.queryOne("SELECT COUNT(*) FROM users", r -> r.getLong(1))).contains(8L);
        }
    }

    @Test
    void constraintsHold() {
        try (Database db = new Database(file())) {
            insertUser(db, "u1", "Alice");
            assertThatThrownBy(() -> insertUser(db, "u2", "alice"))
                    .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.isUniqueViolation()).isTrue());
            assertThatThrownBy(() -> db.update("INSERT INTO users (id, username, password_hash, role, created_at, updated_at) "
                    + "VALUES ('u3','root','h','root','t','t')"))
                    .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.isUniqueViolation()).isFalse());
        }
    }

    @Test
    void parametersAreBoundNotSpliced() {
        try (Database db = new Database(file())) {
            String hostile = "x'); DROP TABLE users; --";
            insertUser(db, "u1", hostile);
            assertThat(db.queryOne("SELECT username FROM users WHERE username = ?", r -> r.getString(1), hostile)).contains(hostile);
            assertThat(db.query("SELECT username FROM users WHERE username = ?", r -> r.getString(1), "' OR '1'='1")).isEmpty();
        }
    }

    @Test
    void concurrentWritersLoseNothing() {
        try (Database db = new Database(file())) {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 16; t++) {
                    int thread = t;
                    pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            db.update("INSERT INTO audit_log (at, actor, action, result) VALUES (?,?,?,?)",
                                    "t", "thread-" + thread, "test.write", "success");
                        }
                    });
                }
            }
            assertThat(db.queryOne("SELECT COUNT(*) FROM audit_log", r -> r.getLong(1))).contains(800L);
            List<Long> perThread = db.query("SELECT COUNT(*) FROM audit_log GROUP BY actor", r -> r.getLong(1));
            assertThat(perThread).hasSize(16).containsOnly(50L);
        }
    }
}
