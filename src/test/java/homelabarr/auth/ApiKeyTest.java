package homelabarr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyTest {
    private static final String PASSWORD = "plain long passphrase";
    private TestServer server;
    private Http http;
    private String admin;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir);
        http = server.http();
        admin = server.adminToken();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode keyListed(String credential, String id) {
        JsonNode list = http.get("/auth/api-keys", credential).assertStatus(200).json();
        assertThat(list.get("total").asInt()).isEqualTo(list.get("data").size());
        for (JsonNode key : list.get("data")) {
            if (key.get("id").asText().equals(id)) {
                return key;
            }
        }
        return null;
    }

    @Test
    void createdWithTheContractBodyAndShownOnce() {
        Http.Response r = http.post("/auth/api-keys", admin, """
                {"name": "my-script"}""").assertStatus(201);
        JsonNode body = r.json();
        assertThat(body.get("key").asText()).matches("hlr_[A-Za-z0-9_-]{43}");
        assertThat(body.get("name").asText()).isEqualTo("my-script");
        assertThat(body.get("id").asText()).isNotBlank();
        String key = body.get("key").asText();
        assertThat(http.get("/auth/api-keys", admin).body()).doesNotContain(key, key.substring(10));
    }

    @Test
    void aKeyWorksExactlyLikeAToken() {
        String key = server.createKey(admin, "works").get("key").asText();
        JsonNode me = http.get("/auth/me", key).assertStatus(200).json().get("user");
        assertThat(me.get("username").asText()).isEqualTo("admin");
        assertThat(me.get("authMethod").asText()).isEqualTo("api-key");
        http.get("/api/auth/me", key).assertStatus(200);
        http.get("/auth/users", key).assertStatus(200);
        http.get("/audit", key).assertStatus(200);
        server.createKey(key, "made by a key");
    }

    @Test
    void keysDoNotExpireLikeTokens() {
        String token = server.adminToken();
        String key = server.createKey(token, "long-lived").get("key").asText();
        server.clock().advance(Duration.ofDays(40));
        http.get("/auth/me", token).assertError(401);
        http.get("/auth/me", key).assertStatus(200);
        admin = server.adminToken();
    }

    @Test
    void listShowsNameIdPrefixAndTimesButNeverTheKey() {
        JsonNode created = server.createKey(admin, "listed");
        String key = created.get("key").asText();
        String id = created.get("id").asText();

        JsonNode listed = keyListed(admin, id);
        assertThat(listed).isNotNull();
        assertThat(listed.get("name").asText()).isEqualTo("listed");
        assertThat(listed.get("prefix").asText()).isEqualTo(key.substring(0, 10));
        assertThat(listed.get("createdAt").asText()).isEqualTo(server.clock().instant().toString());
        assertThat(listed.has("lastUsedAt")).isTrue();
        assertThat(listed.get("lastUsedAt").isNull()).isTrue();
        assertThat(listed.has("key")).isFalse();

        server.clock().advance(Duration.ofMinutes(5));
        http.get("/auth/me", key).assertStatus(200);
        listed = keyListed(admin, id);
        assertThat(listed.get("lastUsedAt").asText()).isEqualTo(server.clock().instant().toString());
        assertThat(http.get("/auth/api-keys", admin).body()).doesNotContain(key, key.substring(10));
    }

    @Test
    void storedOnlyAsDigestAndPrefix() throws Exception {
        JsonNode created = server.createKey(admin, "stored");
        String key = created.get("key").asText();
        List<Map<String, Object>> rows = server.query("SELECT * FROM api_keys WHERE id = ?", created.get("id").asText());
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.getFirst();
        assertThat(row).containsOnlyKeys("id", "user_id", "name", "prefix", "digest", "created_at", "last_used_at");
        assertThat(row.get("digest")).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));
        assertThat(row.get("prefix")).isEqualTo(key.substring(0, 10));
        assertThat(row.values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(key.substring(10)));

        // nowhere in the database files either, in text or in the key's raw bytes
        byte[] raw = Base64.getUrlDecoder().decode(key.substring(4));
        try (Stream<Path> files = Files.list(server.dataDir())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("homelabarr.db")).toList()) {
                byte[] content = Files.readAllBytes(file);
                assertThat(indexOf(content, key.substring(10).getBytes(StandardCharsets.US_ASCII))).as(file.toString()).isNegative();
                assertThat(indexOf(content, raw)).as(file.toString()).isNegative();
            }
        }
    }

    @Test
    void deletedKeysStopWorking() {
        JsonNode created = server.createKey(admin, "to delete");
        String key = created.get("key").asText();
        String id = created.get("id").asText();
        http.get("/auth/me", key).assertStatus(200);
        assertThat(http.delete("/auth/api-keys/" + id, admin).assertStatus(200).json().get("success").asBoolean()).isTrue();
        http.get("/auth/me", key).assertError(401).assertNoLeak(key);
        http.get("/auth/users", key).assertError(401);
        http.delete("/auth/api-keys/" + id, admin).assertError(404);
        assertThat(keyListed(admin, id)).isNull();
    }

    @Test
    void othersKeysAreInvisibleAnd404() {
        server.createUser(admin, "key-owner", PASSWORD, "user");
        String owner = server.login("key-owner", PASSWORD);
        JsonNode theirs = server.createKey(owner, "theirs");
        JsonNode mine = server.createKey(admin, "mine");

        http.delete("/auth/api-keys/" + theirs.get("id").asText(), admin).assertError(404);
        http.delete("/api/auth/api-keys/" + mine.get("id").asText(), owner).assertError(404);
        http.get("/auth/me", theirs.get("key").asText()).assertStatus(200);
        http.get("/auth/me", mine.get("key").asText()).assertStatus(200);
        assertThat(keyListed(admin, theirs.get("id").asText())).isNull();
        assertThat(keyListed(owner, mine.get("id").asText())).isNull();
        assertThat(keyListed(owner, theirs.get("id").asText())).isNotNull();
        http.delete("/auth/api-keys/" + theirs.get("id").asText(), owner).assertStatus(200);
    }

    @Test
    void aViewersKeyIsReadOnlyToo() {
        server.createUser(admin, "key-viewer", PASSWORD, "viewer");
        String key = server.createKey(server.login("key-viewer", PASSWORD), "viewer key").get("key").asText();
        assertThat(http.get("/auth/me", key).json().at("/user/role").asText()).isEqualTo("viewer");
        http.get("/auth/users", key).assertError(403);
    }

    @Test
    void badNamesAre400() {
        for (String body : new String[] {"{\"name\": \"\"}", "{\"name\": \"   \"}", "{}", "{\"name\": \"" + "n".repeat(65) + "\"}",
                "{\"name\": \"bell\\u0007\"}", "{\"name\": \"line\\nbreak\"}", "{\"name\": [\"x\"]}", "{\"label\": \"x\"}"}) {
            http.post("/auth/api-keys", admin, body).assertError(400);
        }
        http.post("/auth/api-keys", admin, null).assertError(400);
        server.createKey(admin, "n".repeat(64));
    }

    @Test
    void forgedKeysAre401() {
        String key = server.createKey(admin, "real").get("key").asText();
        String flipped = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        for (String forged : new String[] {"hlr_" + "A".repeat(43), flipped, key.toUpperCase(), "HLR_" + key.substring(4),
                key + "x", key.substring(0, 10), "hlr_' OR '1'='1"}) {
            http.get("/auth/me", forged).assertError(401);
        }
        http.get("/auth/me", key).assertStatus(200);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
