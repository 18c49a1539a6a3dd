package homelabarr.health;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.docker.DockerEngine;
import homelabarr.docker.Engine;
import homelabarr.testing.Http;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    @TempDir
    Path dir;

    @NeedsDocker
    @Test
    void healthyWhenTheEngineAnswers() throws Exception {
        String engineVersion;
        try (Engine engine = new DockerEngine(DockerFixture.host())) {
            engineVersion = engine.info(Duration.ofSeconds(5)).version();
        }
        try (TestServer server = TestServer.start(dir)) {
            for (String path : new String[] {"/health", "/api/health"}) {
                Http.Response r = server.http().get(path, "not-a-token").assertStatus(200)
                        .assertNoLeak(dir.toString(), "docker.sock", "unix://");
                JsonNode body = r.json();
                assertThat(body.get("status").asText()).isEqualTo("healthy");
                assertThat(body.get("version").asText()).isEqualTo(appVersion()).doesNotContain("${");
                assertThat(body.at("/docker/connected").asBoolean()).isTrue();
                assertThat(body.at("/docker/version").asText()).isEqualTo(engineVersion);
                assertThat(body.at("/docker/apiVersion").asText()).matches("\\d+\\.\\d+");
                assertThat(body.at("/auth/enabled").asBoolean()).isTrue();
                assertThat(body.has("reason")).isFalse();
            }
        }
    }

    /** DOCKER_HOST names a socket that does not exist: the server still starts and says it is degraded. */
    @Test
    void degradedWhenTheEngineCannotBeReached() {
        Path socket = dir.resolve("nowhere").resolve("docker.sock");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(
                "HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD, "DOCKER_HOST", "unix://" + socket))) {
            long start = System.nanoTime();
            for (String path : new String[] {"/health", "/api/health"}) {
                Http.Response r = server.http().get(path).assertStatus(503).assertNoLeak(dir.toString(), "docker.sock");
                JsonNode body = r.json();
                assertThat(body.get("status").asText()).isEqualTo("degraded");
                assertThat(body.get("reason").asText()).isNotBlank();
                assertThat(body.at("/docker/connected").asBoolean()).isFalse();
                assertThat(body.get("version").asText()).isEqualTo(appVersion());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.adminToken()).as("the rest of the API keeps working").isNotBlank();
        }
    }

    private static String appVersion() throws java.io.UncheckedIOException {
        try (InputStream in = HealthTest.class.getResourceAsStream("/homelabarr-version.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
