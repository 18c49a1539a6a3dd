package homelabarr.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.NsEngine;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Environments across restarts: kept with their material (uploaded and by path), and when that material is gone
 * (a lost DATA_DIR/secret-key, a deleted key file) listed as not usable while everything else works. The
 * engines here are addresses on loopback where nothing listens: no traffic leaves the machine.
 */
@NeedsDocker
class EnvironmentRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void environmentsSurviveARestartAndLostMaterialOnlyDisablesTheirOwn(@TempDir Path dir) throws Exception {
        Path certs = dir.resolve("certs");
        NsEngine.makeCertificates(certs, "127.0.0.1");
        int nobody = TestServer.freePort();
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            String admin = server.adminToken();
            ObjectNode uploaded = JSON.createObjectNode().put("name", "away").put("address", "tcp://127.0.0.1:" + nobody)
                    .put("ca", Files.readString(certs.resolve("ca.pem"))).put("cert", Files.readString(certs.resolve("cert.pem")))
                    .put("key", Files.readString(certs.resolve("key.pem")));
            JsonNode away = server.post("/environments", admin, uploaded.toString()).assertStatus(201).json().get("data");
            assertThat(away.get("reachable").asBoolean()).isFalse();
            assertThat(away.get("lastError").asText()).isNotBlank().doesNotContain("Exception");
            ObjectNode byPath = JSON.createObjectNode().put("name", "bypath").put("address", "tcp://127.0.0.1:" + nobody)
                    .put("caPath", certs.resolve("ca.pem").toString()).put("certPath", certs.resolve("cert.pem").toString())
                    .put("keyPath", certs.resolve("key.pem").toString());
            server.post("/environments", admin, byPath.toString()).assertStatus(201);

            server.restart();
            assertThat(statuses(server)).containsKeys("local", "away", "bypath");
            server.get("/containers?env=away").assertError(503);
            server.get("/containers?env=bypath").assertError(503);

            server.stop();
            Files.delete(server.dataDir().resolve(homelabarr.db.SecretBox.FILE));
            Files.delete(certs.resolve("key.pem"));
            server.start();
            Map<String, String> errors = statuses(server);
            assertThat(errors.get("away")).contains("cannot be loaded");
            assertThat(errors.get("bypath")).contains("cannot be loaded");
            assertThat(server.get("/containers?env=away").assertError(503).error()).isEqualTo("Environment not usable");
            JsonNode all = server.get("/containers?env=all").assertStatus(200).json();
            assertThat(all.get("unreachable").toString()).contains("away", "bypath");
            server.get("/containers").assertStatus(200);
            assertThat(server.get("/health", null).assertStatus(200).json().get("status").asText()).isEqualTo("healthy");
            // what cannot be loaded can still be removed, and added again
            server.delete("/environments/away", server.adminToken()).assertStatus(200);
            server.post("/environments", server.adminToken(), uploaded.toString()).assertStatus(201);
        }
    }

    /** Name to lastError ("" when none) of every environment, as an admin sees them. */
    private static Map<String, String> statuses(TestServer server) {
        Map<String, String> out = new HashMap<>();
        server.get("/environments").json().get("data").forEach(e ->
                out.put(e.get("name").asText(), e.get("lastError").isNull() ? "" : e.get("lastError").asText()));
        return out;
    }
}
