package homelabarr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** First start without HOMELABARR_ADMIN_PASSWORD: admin/admin, usable only to change that password. */
class FirstStartTest {
    @TempDir
    Path dir;

    @Test
    void defaultAdminMustChangeItsPasswordBeforeAnythingElse() {
        try (TestServer server = TestServer.start(dir, Map.of())) {
            Http http = server.http();
            Http.Response login = http.post("/auth/login", null, """
                    {"username": "admin", "password": "admin"}""").assertStatus(200);
            assertThat(login.json().get("user").get("username").asText()).isEqualTo("admin");
            assertThat(login.json().get("user").get("role").asText()).isEqualTo("admin");
            assertThat(login.json().get("mustChangePassword").asBoolean()).isTrue();
            String token = login.json().get("token").asText();

            assertThat(http.get("/auth/me", token).assertStatus(200).json().at("/user/mustChangePassword").asBoolean())
                    .isTrue();
            for (String prefix : new String[] {"", "/api"}) {
                assertPasswordChangeRequired(http.get(prefix + "/auth/users", token));
                assertPasswordChangeRequired(http.post(prefix + "/auth/users", token, """
                        {"username": "viewer", "password": "a-strong-password", "role": "user"}"""));
                assertPasswordChangeRequired(http.patch(prefix + "/auth/users/x", token, """
                        {"role": "viewer"}"""));
                assertPasswordChangeRequired(http.delete(prefix + "/auth/users/x", token));
                assertPasswordChangeRequired(http.post(prefix + "/auth/api-keys", token, """
                        {"name": "my-script"}"""));
                assertPasswordChangeRequired(http.get(prefix + "/auth/api-keys", token));
                assertPasswordChangeRequired(http.delete(prefix + "/auth/api-keys/x", token));
                assertPasswordChangeRequired(http.get(prefix + "/audit", token));
            }
            http.get("/health").assertStatus(200);

            http.post("/auth/change-password", token, """
                    {"currentPassword": "not-admin", "newPassword": "a brand new passphrase"}""").assertError(403);
            assertThat(http.post("/auth/change-password", token, """
                    {"currentPassword": "admin", "newPassword": "admin"}""").assertError(400).details())
                    .startsWith("newPassword: ");
            http.post("/auth/change-password", token, """
                    {"currentPassword": "admin", "newPassword": "password1234"}""").assertError(400);
            http.post("/auth/change-password", token, """
                    {"newPassword": "a brand new passphrase"}""").assertError(400);

            JsonNode changed = http.post("/auth/change-password", token, """
                    {"currentPassword": "admin", "newPassword": "a brand new passphrase"}""").assertStatus(200).json();
            String fresh = changed.get("token").asText();
            http.get("/auth/me", token).assertError(401);
            assertThat(http.get("/auth/me", fresh).assertStatus(200).json().at("/user/mustChangePassword").asBoolean())
                    .isFalse();
            http.get("/auth/users", fresh).assertStatus(200);

            http.post("/auth/login", null, """
                    {"username": "admin", "password": "admin"}""").assertError(401);
            assertThat(server.login("admin", "a brand new passphrase")).isNotBlank();
        }
    }

    @Test
    void theRestrictedAccountCanStillLogOut() {
        try (TestServer server = TestServer.start(dir, Map.of())) {
            String token = server.login("admin", "admin");
            server.http().post("/auth/logout", token, null).assertStatus(200);
            server.http().get("/auth/me", token).assertError(401);
        }
    }

    private static void assertPasswordChangeRequired(Http.Response r) {
        assertThat(r.assertError(403).error()).isEqualTo("Password change required");
    }
}
