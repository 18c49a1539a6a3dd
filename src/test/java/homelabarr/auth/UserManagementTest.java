package homelabarr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserManagementTest {
    private static final String PASSWORD = "plain long passphrase";
    private TestServer server;
    private Http http;
    private String admin;
    private String adminId;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir);
        http = server.http();
        admin = server.adminToken();
        adminId = http.get("/auth/me", admin).json().at("/user/id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private List<String> usernames() {
        JsonNode body = http.get("/auth/users", admin).assertStatus(200).json();
        assertThat(body.get("total").asInt()).isEqualTo(body.get("data").size());
        return body.get("data").findValuesAsText("username");
    }

    @Test
    void createsAUserWithTheContractBody() {
        Http.Response r = http.post("/auth/users", admin, """
                {"username": "viewer", "password": "a-strong-password", "role": "user"}""").assertStatus(201);
        JsonNode user = r.json().get("user");
        assertThat(user.get("username").asText()).isEqualTo("viewer");
        assertThat(user.get("role").asText()).isEqualTo("user");
        assertThat(user.get("mustChangePassword").asBoolean()).isFalse();
        assertThat(user.get("id").asText()).isNotBlank();
        assertThat(user.has("createdAt")).isTrue();
        assertThat(r.body()).doesNotContain("a-strong-password").doesNotContainIgnoringCase("hash");
        assertThat(server.login("viewer", "a-strong-password")).isNotBlank();
        // Argon2id at the OWASP minimum, salted: the stored value is a PHC string, never the password
        Object hash = server.query("SELECT password_hash FROM users WHERE username = 'viewer'").getFirst().get("password_hash");
        assertThat((String) hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("a-strong-password");
    }

    @Test
    void listsUsersWithoutSecrets() {
        server.createUser(admin, "listed-user", PASSWORD, "viewer");
        Http.Response r = http.get("/auth/users", admin).assertStatus(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(usernames()).contains("admin", "listed-user");
        assertThat(r.body()).doesNotContain(PASSWORD, "$argon2").doesNotContainIgnoringCase("password_hash");
        assertThat(http.get("/api/auth/users", admin).assertStatus(200).json().get("data").findValuesAsText("username"))
                .contains("admin", "listed-user");
    }

    @Test
    void duplicateUsernamesAre409WhateverTheCase() {
        server.createUser(admin, "dup-user", PASSWORD, "user");
        http.post("/auth/users", admin, """
                {"username": "dup-user", "password": "another long passphrase", "role": "user"}""").assertError(409);
        http.post("/auth/users", admin, """
                {"username": "DUP-User", "password": "another long passphrase", "role": "viewer"}""").assertError(409);
        assertThat(usernames().stream().filter(n -> n.equalsIgnoreCase("dup-user"))).hasSize(1);
    }

    @Test
    void invalidUsernamesAre400AndChangeNothing() {
        List<String> before = usernames();
        String[] names = {"bob'; DROP TABLE users; --", "x' OR '1'='1", "ab", "a".repeat(33), "_leading", "-leading",
                "white space", "名前です", "admin\\u0000x", "robert\\\"); --", ""};
        for (String name : names) {
            assertThat(http.post("/auth/users", admin, """
                    {"username": "%s", "password": "%s", "role": "user"}""".formatted(name, PASSWORD))
                    .assertError(400).details()).as(name).startsWith("username: ");
        }
        http.post("/auth/users", admin, """
                {"password": "%s", "role": "user"}""".formatted(PASSWORD)).assertError(400);
        assertThat(usernames()).isEqualTo(before);
    }

    @Test
    void roleDefaultsToUserAndMustBeKnown() {
        assertThat(http.post("/auth/users", admin, """
                {"username": "no-role", "password": "%s"}""".formatted(PASSWORD)).assertStatus(201)
                .json().at("/user/role").asText()).isEqualTo("user");
        for (String role : new String[] {"root", "Admin", "superuser", ""}) {
            assertThat(http.post("/auth/users", admin, """
                    {"username": "bad-role", "password": "%s", "role": "%s"}""".formatted(PASSWORD, role))
                    .assertError(400).details()).startsWith("role: ");
        }
        assertThat(usernames()).doesNotContain("bad-role");
    }

    @Test
    void passwordPolicyApplies() {
        String[] refused = {"eleven-char", "x".repeat(257), "password1234", "Password1234", "policy-user is me",
                "aaaaaaaaaaaaaaa"};
        for (String password : refused) {
            assertThat(http.post("/auth/users", admin, """
                    {"username": "policy-user", "password": "%s", "role": "user"}""".formatted(password))
                    .assertError(400).details()).as(password).startsWith("password: ");
        }
        server.createUser(admin, "policy-user", "twelve-chars", "user");
        server.createUser(admin, "policy-user2", "ab3d".repeat(64), "user");
        assertThat(server.login("policy-user2", "ab3d".repeat(64))).isNotBlank();
    }

    @Test
    void onlyAdminsManageUsersAndReadTheAudit() {
        server.createUser(admin, "plain-user", PASSWORD, "user");
        server.createUser(admin, "read-only", PASSWORD, "viewer");
        for (String token : new String[] {server.login("plain-user", PASSWORD), server.login("read-only", PASSWORD)}) {
            assertForbidden(http.get("/auth/users", token));
            assertForbidden(http.get("/api/auth/users", token));
            assertForbidden(http.post("/auth/users", token, """
                    {"username": "sneaky", "password": "%s", "role": "admin"}""".formatted(PASSWORD)));
            assertForbidden(http.patch("/auth/users/" + adminId, token, """
                    {"role": "viewer"}"""));
            assertForbidden(http.delete("/auth/users/" + adminId, token));
            assertForbidden(http.get("/audit", token));
            http.get("/auth/me", token).assertStatus(200);
            server.createKey(token, "own key");
        }
        assertThat(usernames()).doesNotContain("sneaky");
        http.post("/auth/users", null, """
                {"username": "sneaky", "password": "%s", "role": "admin"}""".formatted(PASSWORD)).assertError(401);
    }

    @Test
    void roleChangeEndsTheUsersSessions() {
        String id = server.createUser(admin, "carol", PASSWORD, "user");
        String token = server.login("carol", PASSWORD);
        JsonNode user = http.patch("/auth/users/" + id, admin, """
                {"role": "viewer"}""").assertStatus(200).json().get("user");
        assertThat(user.get("role").asText()).isEqualTo("viewer");
        http.get("/auth/me", token).assertError(401);
        String fresh = server.login("carol", PASSWORD);
        assertThat(http.get("/auth/me", fresh).json().at("/user/role").asText()).isEqualTo("viewer");
        http.patch("/api/auth/users/" + id, admin, """
                {"role": "admin"}""").assertStatus(200);
        http.get("/auth/me", fresh).assertError(401);
        http.get("/auth/users", server.login("carol", PASSWORD)).assertStatus(200);
    }

    @Test
    void passwordResetEndsSessionsAndForcesAChange() {
        String id = server.createUser(admin, "dan", PASSWORD, "user");
        String token = server.login("dan", PASSWORD);
        String key = server.createKey(token, "dan's script").get("key").asText();
        JsonNode user = http.patch("/auth/users/" + id, admin, """
                {"password": "reset by the boss"}""").assertStatus(200).json().get("user");
        assertThat(user.get("mustChangePassword").asBoolean()).isTrue();
        http.get("/auth/me", token).assertError(401);
        http.post("/auth/login", null, """
                {"username": "dan", "password": "%s"}""".formatted(PASSWORD)).assertError(401);
        String reset = server.login("dan", "reset by the boss");
        assertThat(http.get("/auth/me", reset).json().at("/user/mustChangePassword").asBoolean()).isTrue();
        assertThat(http.get("/auth/api-keys", reset).assertError(403).error()).isEqualTo("Password change required");
        assertThat(http.get("/auth/api-keys", key).assertError(403).error()).isEqualTo("Password change required");
        http.post("/auth/change-password", reset, """
                {"currentPassword": "reset by the boss", "newPassword": "my own choice at last"}""").assertStatus(200);
        http.get("/auth/api-keys", key).assertStatus(200);
    }

    @Test
    void aRefusedUpdateChangesNothing() {
        String id = server.createUser(admin, "erin", PASSWORD, "user");
        String token = server.login("erin", PASSWORD);
        http.patch("/auth/users/" + id, admin, """
                {"role": "viewer", "password": "short"}""").assertError(400);
        http.patch("/auth/users/" + id, admin, "{}").assertError(400);
        http.patch("/auth/users/" + id, admin, """
                {"role": "god"}""").assertError(400);
        http.patch("/auth/users/" + id, admin, """
                {"role": "viewer", "isAdmin": true}""").assertError(400);
        JsonNode me = http.get("/auth/me", token).assertStatus(200).json().get("user");
        assertThat(me.get("role").asText()).isEqualTo("user");
        assertThat(server.login("erin", PASSWORD)).isNotBlank();
    }

    @Test
    void unknownIdsAre404() {
        String[] ids = {"does-not-exist", URLEncoder.encode("1' OR '1'='1", StandardCharsets.UTF_8), "%25"};
        for (String id : ids) {
            http.patch("/auth/users/" + id, admin, """
                    {"role": "viewer"}""").assertError(404);
            http.delete("/auth/users/" + id, admin).assertError(404);
        }
        assertThat(usernames()).contains("admin");
    }

    @Test
    void theLastAdminCannotBeDemotedOrDeleted() {
        http.patch("/auth/users/" + adminId, admin, """
                {"role": "user"}""").assertError(409);
        http.delete("/auth/users/" + adminId, admin).assertError(409);
        http.get("/auth/users", admin).assertStatus(200);
        String second = server.createUser(admin, "second-admin", PASSWORD, "admin");
        http.delete("/auth/users/" + second, admin).assertStatus(200);
    }

    @Test
    void deletingAUserEndsItsSessionsAndKeys() {
        String id = server.createUser(admin, "frank", PASSWORD, "user");
        String token = server.login("frank", PASSWORD);
        String key = server.createKey(token, "frank's key").get("key").asText();
        http.get("/auth/me", key).assertStatus(200);

        assertThat(http.delete("/auth/users/" + id, admin).assertStatus(200).json().get("success").asBoolean()).isTrue();
        http.get("/auth/me", token).assertError(401);
        http.get("/auth/me", key).assertError(401);
        http.post("/auth/login", null, """
                {"username": "frank", "password": "%s"}""".formatted(PASSWORD)).assertError(401);
        assertThat(usernames()).doesNotContain("frank");
        assertThat(server.count("SELECT COUNT(*) FROM api_keys WHERE user_id = ?", id)).isZero();
        assertThat(server.count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", id)).isZero();

        server.createUser(admin, "frank", "a whole new person", "user");
        http.get("/auth/me", key).assertError(401);
        http.get("/auth/me", token).assertError(401);
    }

    private static void assertForbidden(Http.Response r) {
        assertThat(r.assertError(403).error()).isEqualTo("Forbidden");
    }
}
