package homelabarr.containers;

import homelabarr.testing.EngineProxy;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine that closes one connection half-way (as it may while containers are removed under a request) is
 * reachable: that request fails with 502, and the server does not claim "Docker Engine unavailable" (503), which
 * monitors and clients read as the whole server being down.
 */
@NeedsDocker
class EngineHangUpTest {
    @Test
    void aConnectionClosedMidRequestIsAnEngineErrorNotAnOutage(@TempDir Path dir) {
        try (EngineProxy engine = EngineProxy.hangingUpOn("/containers/json");
             TestServer server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                     "DOCKER_HOST", engine.dockerHost()))) {
            var r = server.get("/containers").assertError(502).assertNoLeak(dir.toString());
            assertThat(r.error()).isEqualTo("Docker Engine error");
            server.http().get("/health").assertStatus(200);
        }
    }
}
