package homelabarr.containers;

import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a reachable engine the routes answer 503 with the usual error body, never a 500 or a hang. */
class EngineUnavailableTest {
    @Test
    void routesAnswer503(@TempDir Path dataDir) {
        try (TestServer server = TestServer.start(dataDir,
                Map.of("DOCKER_HOST", "unix://" + dataDir.resolve("no-docker.sock"),
                        "HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD))) {
            for (Http.Response res : new Http.Response[]{
                    server.get("/containers"),
                    server.get("/containers?stats=true"),
                    server.get("/containers/web/logs"),
                    server.post("/containers/web/stop", server.adminToken()),
                    server.get("/ports/check", null),
                    server.get("/ports/available?start=8000&end=9000", null)}) {
                assertThat(res.status()).as(res.body()).isEqualTo(503);
                assertThat(res.json().get("error").asText()).isEqualTo("Docker Engine unavailable");
                assertThat(res.body()).doesNotContain("no-docker.sock");
            }
            assertThat(server.get("/audit?action=container.stop").json().get("data").get(0).get("result").asText())
                    .isEqualTo("failure");
        }
    }
}
