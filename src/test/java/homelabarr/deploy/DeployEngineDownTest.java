package homelabarr.deploy;

import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a Docker Engine the deploy routes say so clearly, store nothing, and the catalog keeps working. */
class DeployEngineDownTest {
    @Test
    void deployAndUndeployAnswer503AndStoreNothing(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(
                "HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock")))) {
            String token = server.adminToken();
            Http.Response deploy = server.post("/deploy", token, """
                    {"appId": "media-servers-plex", "config": {"TZ": "America/New_York", "ID": "1000",
                     "APPFOLDER": "/opt/appdata"}, "mode": {"type": "standard"}}""");
            deploy.assertError(503).assertNoLeak(dir.toString());
            server.delete("/applications/media-servers-plex", token).assertError(503).assertNoLeak(dir.toString());
            assertThat(server.get("/deployments", token).assertStatus(200).json().get("total").asInt()).isZero();
            assertThat(server.http().get("/applications/media-servers-plex").status()).isEqualTo(200);
            var audit = server.get("/audit?action=deploy", token).assertStatus(200).json().get("data");
            assertThat(audit.get(0).get("result").asText()).isEqualTo("failure");
            assertThat(audit.get(0).get("details").asText()).contains("Docker Engine");
        }
    }
}
