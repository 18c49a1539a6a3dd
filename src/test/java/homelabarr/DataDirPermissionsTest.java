package homelabarr;

import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DATA_DIR holds password hashes, session ids and the token signing key: local users other than the server's own
 * must not read them. What the server creates is owner-only; what an older version left readable is narrowed.
 */
class DataDirPermissionsTest {
    @TempDir
    Path tmp;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aNewDataDirAndEverythingInItIsOwnerOnly() throws Exception {
        Path dataDir = tmp.resolve("fresh").resolve("data");
        try (TestServer server = TestServer.start(dataDir)) {
            server.userToken("user");  // a write, so the WAL and shared-memory files exist
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("apps"))).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("apps/myapps"))).isEqualTo("rwx------");
            for (String file : new String[]{"homelabarr.db", "homelabarr.db-wal", "homelabarr.db-shm", "jwt-secret"}) {
                assertThat(dataDir.resolve(file)).as(file).exists();
                assertThat(mode(dataDir.resolve(file))).as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void filesLeftReadableByAnOlderVersionAreNarrowedAtStart() throws Exception {
        Path dataDir = tmp.resolve("old");
        try (TestServer server = TestServer.start(dataDir)) {
            server.userToken("viewer");
        }
        var open = PosixFilePermissions.fromString("rw-r--r--");
        for (String file : new String[]{"homelabarr.db", "jwt-secret"}) {
            Files.setPosixFilePermissions(dataDir.resolve(file), open);
        }
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestServer server = TestServer.start(dataDir)) {
            server.userToken("viewer");
            for (String file : new String[]{"homelabarr.db", "homelabarr.db-wal", "homelabarr.db-shm", "jwt-secret"}) {
                assertThat(mode(dataDir.resolve(file))).as(file).isEqualTo("rw-------");
            }
            // an existing DATA_DIR keeps the mode its owner gave it (it may be shared on purpose): only a warning
            assertThat(mode(dataDir)).isEqualTo("rwxr-xr-x");
            assertThat(server.count("SELECT COUNT(*) FROM users")).isEqualTo(3);
        }
    }
}
