package homelabarr.deploy;

import homelabarr.deploy.run.Recovery;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Await;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.Sse.Event;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A server stopped mid-deploy leaves nothing half-made: the next start marks the deployment interrupted and cleans up. */
@NeedsDocker
class RestartRecoveryTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDeploymentCutShortByAStopIsInterruptedAndRolledBackOnTheNextStart() {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        String app = builder.template("slow", TestTemplates.SLOW);
        server = builder.start();
        String id = server.deploy(app, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"60\"}".formatted(TestServer.freePort()));
        server.awaitStatus(id, "starting");
        Await.until("the deployment's first container", Duration.ofSeconds(30),
                () -> !server.docker().containers("homelabarr.deployment=" + id).isEmpty());
        assertThat(server.docker().containers("homelabarr.deployment=" + id)).as("half-made").isNotEmpty();

        server.stop();
        assertThat(server.docker().containers("homelabarr.deployment=" + id)).as("left for the next start").isNotEmpty();
        server.start();

        JsonNode record = server.get("/deployments/" + id).json().get("data");
        assertThat(record.get("status").asText()).isEqualTo("interrupted");
        assertThat(record.get("reason").asText()).contains("server stopped");
        assertThat(server.docker().containers("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.docker().networks("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.docker().volumes("homelabarr.app=" + app)).as("volumes kept").hasSize(1);

        List<Event> history = server.events(id, null);
        assertThat(history.getFirst().data().get("status").asText()).isEqualTo("queued");
        assertThat(history.getLast().type()).isEqualTo("error");
        assertThat(history.getLast().data().get("status").asText()).isEqualTo("interrupted");

        String again = server.deploy(app, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"0\"}".formatted(TestServer.freePort()));
        assertThat(server.awaitEnd(again).get("status").asText()).as("the app can be deployed again").isEqualTo("succeeded");
    }

    @Test
    void whenTheEngineIsDownAtTheNextStartTheCleanupHappensOnceItIsBack() throws Exception {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        String app = builder.template("late", TestTemplates.SLOW);
        server = builder.start();
        String id = server.deploy(app, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"60\"}".formatted(TestServer.freePort()));
        server.awaitStatus(id, "starting");
        server.stop();

        Path socket = dir.resolve("engine/docker.sock");
        server.startWith("DOCKER_HOST", "unix://" + socket);
        JsonNode record = server.get("/deployments/" + id).json().get("data");
        assertThat(record.get("status").asText()).isEqualTo("interrupted");
        assertThat(record.get("reason").asText()).contains("cleanup incomplete");
        assertThat(server.docker().containers("homelabarr.deployment=" + id)).as("engine unreachable: still there").isNotEmpty();

        Files.createDirectories(socket.getParent());
        Files.createSymbolicLink(socket, Path.of("/var/run/docker.sock"));
        // containers first, then networks: waiting for the containers alone raced the network's removal
        Await.until("the recovery's retry to remove the deployment's containers and network",
                Recovery.RETRY_EVERY.multipliedBy(4), () -> server.docker().containers("homelabarr.deployment=" + id).isEmpty()
                        && server.docker().networks("homelabarr.deployment=" + id).isEmpty());
        assertThat(server.docker().containers("homelabarr.deployment=" + id)).as("cleaned once the engine answers").isEmpty();
        assertThat(server.docker().networks("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.docker().volumes("homelabarr.app=" + app)).as("volumes kept").hasSize(1);
    }

    @Test
    void aRedeployCutShortGivesThePreviousContainersBackOnTheNextStart() {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        String app = builder.template("redo", TestTemplates.SLOW);
        server = builder.start();
        int port = TestServer.freePort();
        String first = server.deploy(app, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"0\"}".formatted(port));
        assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
        List<String> before = server.docker().containers("homelabarr.deployment=" + first).stream().map(c -> c.getId()).sorted().toList();

        Http.Response r = server.post("/deploy", server.token(), "{\"appId\": \"" + app
                + "\", \"redeploy\": true, \"config\": {\"SLOW_SECONDS\": \"60\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String second = r.json().get("deploymentId").asText();
        server.awaitStatus(second, "starting");
        server.stop();
        server.start();

        assertThat(server.get("/deployments/" + second).json().get("data").get("status").asText()).isEqualTo("interrupted");
        assertThat(server.docker().containers("homelabarr.deployment=" + second)).isEmpty();
        var restored = server.docker().containers("homelabarr.deployment=" + first);
        assertThat(restored.stream().map(c -> c.getId()).sorted().toList()).isEqualTo(before);
        String slug = app.substring("myapps-".length());
        assertThat(restored).allSatisfy(c -> {
            assertThat(c.getState()).isEqualTo("running");
            assertThat(c.getNames()[0]).isIn("/" + slug, "/" + slug + "-slow");
        });
    }
}
