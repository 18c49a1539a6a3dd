package homelabarr.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start skips Flyway only when the history says the schema is the bundled one; every other case migrates. */
class MigrationsTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("homelabarr.db");
    }

    @Test
    void theNewestBundledMigrationIsTheHighestFile() throws IOException {
        int highest;
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            highest = files.map(f -> f.getFileName().toString().replaceFirst("^V(\\d+)__.*", "$1"))
                    .mapToInt(Integer::parseInt).max().orElseThrow();
        }
        assertThat(Migrations.newestBundled()).isEqualTo(OptionalInt.of(highest));
    }

    @Test
    void aMigratedDatabaseIsCurrentAndReopensWithoutChange() {
        new Database(file()).close();
        try (Database db = new Database(file())) {
            assertThat(db.queryOne("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history", r -> r.getInt(1)))
                    .contains(Migrations.newestBundled().orElseThrow());
            assertThat(db.queryOne("SELECT COUNT(*) FROM flyway_schema_history", r -> r.getInt(1)))
                    .contains(Migrations.newestBundled().orElseThrow());
        }
    }

    @Test
    void aDatabaseOneMigrationBehindIsMigrated() {
        int newest = Migrations.newestBundled().orElseThrow();
        try (Database db = new Database(file())) {
            // undo the newest migration as if the database came from the version before it
            db.update("ALTER TABLE deployments DROP COLUMN kind");
            db.update("DELETE FROM flyway_schema_history WHERE version = ?", String.valueOf(newest));
        }
        try (Database db = new Database(file())) {
            assertThat(db.queryOne("SELECT COUNT(*) FROM pragma_table_info('deployments') WHERE name = 'kind'",
                    r -> r.getInt(1))).contains(1);
            assertThat(db.query("SELECT version FROM flyway_schema_history WHERE version = ?", r -> r.getString(1),
                    String.valueOf(newest))).hasSize(1);
        }
    }

    @Test
    void aFailedMigrationInTheHistoryIsLeftToFlywayWhichRefusesToStart() {
        try (Database db = new Database(file())) {
            db.update("UPDATE flyway_schema_history SET success = 0 WHERE version = ?",
                    String.valueOf(Migrations.newestBundled().orElseThrow()));
        }
        assertThatThrownBy(() -> new Database(file())).hasMessageContaining("failed migration");
    }

    @Test
    void sqlitesLibraryIsKeptOwnerOnlyBesideTheDatabase() throws IOException {
        Path library = SqliteLibrary.copyIn(dir).orElseThrow();
        assertThat(SqliteLibrary.copyIn(dir)).contains(library);
        try (var files = Files.list(dir.resolve("native"))) {
            assertThat(files.toList()).containsExactly(library);
            assertThat(library.getFileName().toString()).startsWith("sqlite-jdbc-").doesNotContain("partial");
            try (var jar = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(org.sqlite.util.LibraryLoaderUtil
                    .getNativeLibResourcePath() + "/" + org.sqlite.util.LibraryLoaderUtil.getNativeLibName())) {
                assertThat(Files.readAllBytes(library)).isEqualTo(jar.readAllBytes());
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("native"))))
                .isEqualTo("rwx------");
    }
}
