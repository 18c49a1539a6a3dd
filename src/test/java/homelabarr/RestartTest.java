package homelabarr;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything lives in DATA_DIR: a restart on the same directory keeps users, keys, sessions and the audit log. */
class RestartTest {
    private static final String PASSWORD = "plain long passphrase";

    @TempDir
    Path dir;

    @Test
    void aRestartKeepsAllState() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            Http http = server.http();
            String admin = server.adminToken();
            String bobId = server.createUser(admin, "bob", PASSWORD, "viewer");
            String bob = server.login("bob", PASSWORD);
            String bobKey = server.createKey(bob, "bob's script").get("key").asText();
            String loggedOut = server.adminToken();
            http.post("/auth/logout", loggedOut, null).assertStatus(200);
            JsonNode deleted = server.createKey(admin, "deleted");
            http.delete("/auth/api-keys/" + deleted.get("id").asText(), admin).assertStatus(200);
            Path secretFile = dir.resolve("jwt-secret");
            String secret = Files.readString(secretFile);

            server.restart();
            http = server.http();

            assertThat(Files.readString(secretFile)).as("generated once").isEqualTo(secret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
            assertThat(dir.resolve("homelabarr.db")).exists();

            JsonNode users = http.get("/auth/users", admin).assertStatus(200).assertNoLeak(secret.strip()).json();
            assertThat(users.get("data").findValuesAsText("username")).containsExactlyInAnyOrder("admin", "bob");
            JsonNode me = http.get("/auth/me", bob).assertStatus(200).json().get("user");
            assertThat(me.get("id").asText()).isEqualTo(bobId);
            assertThat(me.get("role").asText()).isEqualTo("viewer");
            assertThat(http.get("/auth/me", bobKey).assertStatus(200).json().at("/user/username").asText()).isEqualTo("bob");
            assertThat(http.get("/auth/api-keys", bob).json().get("data").findValuesAsText("name")).containsExactly("bob's script");
            http.get("/auth/me", loggedOut).assertError(401);
            http.get("/auth/me", deleted.get("key").asText()).assertError(401);
            assertThat(server.login("bob", PASSWORD)).isNotBlank();
            assertThat(http.get("/audit?action=user.create", admin).json().get("data").findValuesAsText("target"))
                    .containsExactly("bob (viewer)");
            assertThat(server.query("PRAGMA journal_mode").getFirst().values()).containsExactly("wal");
        }
    }

    @Test
    void aLaterAdminPasswordDoesNotReplaceTheAccountsPassword() {
        try (TestServer first = TestServer.start(dir)) {
            first.adminToken();
        }
        try (TestServer second = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", "some other long passphrase"))) {
            assertThat(second.adminToken()).isNotBlank();
            second.http().post("/auth/login", null, """
                    {"username": "admin", "password": "some other long passphrase"}""").assertError(401);
        }
    }

    @Test
    void aChangedJwtSecretEndsOldTokensButNotKeys() {
        String token;
        String key;
        try (TestServer first = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "JWT_SECRET", "first-secret-0123456789abcdef0123456789"))) {
            token = first.adminToken();
            key = first.createKey(token, "survivor").get("key").asText();
        }
        try (TestServer second = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "JWT_SECRET", "second-secret-0123456789abcdef012345678"))) {
            second.http().get("/auth/me", token).assertError(401);
            second.http().get("/auth/me", key).assertStatus(200);
        }
    }
}
