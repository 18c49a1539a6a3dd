package homelabarr.updates;

import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The update routes' access rules and every bad input: a clear 4xx with {"error","details"}, never a 500. */
@NeedsDocker
class UpdatesApiTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String admin;
    static String user;
    static String viewer;

    @BeforeAll
    static void start() {
        server = TestServer.builder(dir.resolve("data")).env("UPDATE_CHECK_INTERVAL", "off").start();
        admin = server.adminToken();
        user = server.userToken("user");
        viewer = server.userToken("viewer");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anyAccountReadsOnlyAdminsChange() {
        assertThat(server.get("/updates", viewer).assertStatus(200).json().path("success").asBoolean()).isTrue();
        server.get("/api/updates", viewer).assertStatus(200);
        server.get("/applications/myapps-none/update", viewer).assertStatus(200);
        server.get("/updates", null).assertError(401);
        server.post("/updates/check", user).assertError(403);
        server.post("/updates/check", viewer).assertError(403);
        server.post("/applications/myapps-none/update", user).assertError(403);
        server.send("PUT", "/applications/myapps-none/update-policy", user, "{\"policy\":\"auto\"}").assertError(403);
        server.get("/updates/registries", user).assertError(403);
        server.delete("/updates/registries/ghcr.io", user).assertError(403);
    }

    @Test
    void checksAndUpdatesOfUnknownAppsAreRefused() {
        server.post("/updates/check?app=Not%20An%20Id", admin).assertError(400);
        server.post("/updates/check?app=myapps-none", admin).assertError(404);
        server.post("/applications/myapps-none/update", admin).assertError(404);
        server.post("/api/applications/UPPER/update", admin).assertError(404);
        server.get("/applications/UPPER/update", admin).assertError(404);
    }

    @Test
    void policiesAreChecked() {
        String path = "/applications/myapps-pinned-one/update-policy";
        server.send("PUT", path, admin, "{\"policy\":\"sometimes\"}").assertError(400);
        server.send("PUT", path, admin, "{}").assertError(400);
        server.send("PUT", path, admin, "{\"policy\":\"auto\",\"window\":\"25:00-01:00\"}").assertError(400);
        server.send("PUT", path, admin, "{\"policy\":\"auto\",\"window\":\"tonight\"}").assertError(400);
        server.send("PUT", path, admin, "{\"policy\":\"notify\",\"window\":\"01:00-02:00\"}").assertError(400);
        server.send("PUT", path, admin, "{\"policy\":\"auto\",\"extra\":1}").assertError(400);
        server.send("PUT", path, admin, "not json").assertError(400);
        server.send("PUT", path, admin, "{\"policy\":\"auto\",\"window\":\"23:00-02:00\"}").assertStatus(200);
        assertThat(server.get("/applications/myapps-pinned-one/update", viewer).json().path("data").path("window").asText())
                .isEqualTo("23:00-02:00");

        server.send("PUT", path, admin, "{\"policy\":\"pinned\"}").assertStatus(200);
        assertThat(server.get("/applications/myapps-pinned-one/update", viewer).json().path("data").path("policy").asText())
                .isEqualTo("pinned");
        assertThat(server.post("/applications/myapps-pinned-one/update", admin).assertError(409).error()).isEqualTo("Pinned");
        assertThat(server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'app.update-policy'"
                + " AND result = 'success'")).isEqualTo(2);
        // a refused change is recorded too, with what the client was told
        assertThat(server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'app.update-policy' AND result = 'failure'"
                + " AND details = 'Invalid request: policy: must be notify, auto or pinned'")).isEqualTo(2);
    }

    @Test
    void registryLoginsAreChecked() {
        String ok = "{\"username\":\"me\",\"password\":\"token-123\"}";
        server.send("PUT", "/updates/registries/bad_host!", admin, ok).assertError(400);
        server.send("PUT", "/updates/registries/-dash.example", admin, ok).assertError(400);
        server.send("PUT", "/updates/registries/ghcr.io", admin, "{\"password\":\"x\"}").assertError(400);
        server.send("PUT", "/updates/registries/ghcr.io", admin, "{\"username\":\"me:you\",\"password\":\"x\"}").assertError(400);
        server.send("PUT", "/updates/registries/ghcr.io", admin, "{\"username\":\"me\",\"password\":\"\"}").assertError(400);
        server.send("PUT", "/updates/registries/ghcr.io", admin, "{\"username\":\"me\",\"password\":\"x\",\"token\":1}")
                .assertError(400);
        server.delete("/updates/registries/never.example", admin).assertError(404);
        server.send("PUT", "/updates/registries/index.docker.io", admin, ok).assertStatus(200).assertNoLeak("token-123");
        assertThat(server.get("/updates/registries", admin).assertNoLeak("token-123").json().path("data").get(0)
                .path("registry").asText()).isEqualTo("docker.io");
        server.delete("/updates/registries/docker.io", admin).assertStatus(200);
    }
}
