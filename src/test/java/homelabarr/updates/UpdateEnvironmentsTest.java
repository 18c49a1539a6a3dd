package homelabarr.updates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The update check goes over every environment: the local engine's app is checked and says where it runs, while an
 * environment whose engine cannot be reached (a dead socket) is reported as such, costs the others nothing, and
 * keeps the last checks of the apps seen there; once that environment is removed, they go.
 */
@NeedsDocker
class UpdateEnvironmentsTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static DockerFixture docker;
    static Versions versions;
    static final String APP = "myapps-envcheck-" + Long.toHexString(System.nanoTime());
    static final String GHOST = "myapps-ghost-" + Long.toHexString(System.nanoTime());

    @BeforeAll
    static void start() throws Exception {
        docker = new DockerFixture();
        versions = new Versions(docker.client(), "127.0.0.1:5000", null);
        versions.first("1");
        server = TestServer.builder(dir.resolve("data")).env("UPDATE_CHECK_INTERVAL", "off").start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        docker.removeApp(APP);
        versions.removeAll();
        docker.close();
    }

    @Test
    void everyEnvironmentIsCheckedAndAnUnreachableOneHoldsNoOneUp() {
        docker.run(docker.name("envcheck"), cmd -> cmd.withImage(versions.repository() + ":1")
                .withLabels(Map.of("homelabarr.app", APP, "com.docker.compose.service", "web")), DockerFixture.IDLE);
        String admin = server.adminToken();
        server.post("/environments", admin, "{\"name\": \"nas\", \"address\": \"unix://%s\"}"
                .formatted(dir.resolve("nobody-listens.sock"))).assertStatus(201);
        // what an earlier round found on the nas, before it went away
        UpdateStore store = new UpdateStore(server.app().database(), new ObjectMapper(), Clock.systemUTC());
        store.saveChecks(GHOST, List.of(new ContainerCheck(GHOST, "nas", "web", "ghost-web", "ghost:1", "sha256:1",
                "sha256:1", List.of(), ContainerCheck.UP_TO_DATE, null, Instant.now())));

        JsonNode round = server.post("/updates/check", admin).assertStatus(200).json();
        JsonNode mine = container(round, APP);
        assertThat(mine.path("environment").asText()).as(round.toString()).isEqualTo("local");
        assertThat(mine.path("status").asText()).isEqualTo("up-to-date");
        assertThat(round.path("unreachable")).singleElement().satisfies(u -> {
            assertThat(u.path("environment").asText()).isEqualTo("nas");
            assertThat(u.path("error").asText()).startsWith("The Docker Engine could not be asked");
        });
        JsonNode listed = server.get("/updates", admin).assertStatus(200).json();
        assertThat(container(listed, GHOST).path("environment").asText()).as("kept while the nas cannot be asked")
                .isEqualTo("nas");
        assertThat(container(listed, APP).path("environment").asText()).isEqualTo("local");

        // one app on demand: where it was last deployed (never by this server: the local engine)
        JsonNode one = server.post("/updates/check?app=" + APP, admin).assertStatus(200).json();
        assertThat(container(one, APP).path("environment").asText()).isEqualTo("local");
        assertThat(one.path("unreachable")).isEmpty();

        server.delete("/environments/nas", admin).assertStatus(200);
        JsonNode after = server.post("/updates/check", admin).assertStatus(200).json();
        assertThat(after.path("unreachable")).isEmpty();
        assertThat(server.get("/updates?app=" + GHOST, admin).json().path("data")).as("gone with its environment")
                .isEmpty();
    }

    private static JsonNode container(JsonNode list, String app) {
        for (JsonNode a : list.path("data")) {
            if (a.path("appId").asText().equals(app)) {
                return a.path("containers").get(0);
            }
        }
        throw new AssertionError("no " + app + " in " + list);
    }
}
