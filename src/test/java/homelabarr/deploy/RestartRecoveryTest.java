package homelabarr.deploy;

import homelabarr.deploy.run.Recovery;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.deploy.DeployFixture.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A server stopped mid-deploy leaves nothing half-made: the next start marks the deployment interrupted and cleans up. */
class RestartRecoveryTest {
    @TempDir
    Path dir;
    DeployFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDeploymentCutShortByAStopIsInterruptedAndRolledBackOnTheNextStart() {
        server = new DeployFixture(dir.resolve("data"));
        String app = server.template("slow", DeployFailureTest.SLOW);
        server.start();
        String id = server.deploy(app, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"60\"}".formatted(DeployFixture.freePort()));
        server.awaitStatus(id, "starting");
        DeployFixture.sleep(300);
        assertThat(server.containers("homelabarr.deployment=" + id)).as("half-made").isNotEmpty();

        server.stop();
        assertThat(server.containers("homelabarr.deployment=" + id)).as("left for the next start").isNotEmpty();
        server.start();

        JsonNode record = server.get("/deployments/" + id).json().get("data");
        assertThat(record.get("status").asText()).isEqualTo("interrupted");
        assertThat(record.get("reason").asText()).contains("server stopped");
        assertThat(server.containers("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.networks("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.volumes("homelabarr.app=" + app)).as("volumes kept").hasSize(1);

        List<Event> history = server.events(id, null);
        assertThat(history.getFirst().data().get("status").asText()).isEqualTo("queued");
        assertThat(history.getLast().type()).isEqualTo("error");
        assertThat(history.getLast().data().get("status").asText()).isEqualTo("interrupted");

        String again = server.deploy(app, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"0\"}".formatted(DeployFixture.freePort()));
        assertThat(server.awaitEnd(again).get("status").asText()).as("the app can be deployed again").isEqualTo("succeeded");
    }

    @Test
    void whenTheEngineIsDownAtTheNextStartTheCleanupHappensOnceItIsBack() throws Exception {
        server = new DeployFixture(dir.resolve("data"));
        String app = server.template("late", DeployFailureTest.SLOW);
        server.start();
        String id = server.deploy(app, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"60\"}".formatted(DeployFixture.freePort()));
        server.awaitStatus(id, "starting");
        server.stop();

        Path socket = dir.resolve("engine/docker.sock");
        server.env.put("DOCKER_HOST", "unix://" + socket);
        server.start();
        JsonNode record = server.get("/deployments/" + id).json().get("data");
        assertThat(record.get("status").asText()).isEqualTo("interrupted");
        assertThat(record.get("reason").asText()).contains("cleanup incomplete");
        assertThat(server.containers("homelabarr.deployment=" + id)).as("engine unreachable: still there").isNotEmpty();

        Files.createDirectories(socket.getParent());
        Files.createSymbolicLink(socket, Path.of("/var/run/docker.sock"));
        long deadline = System.currentTimeMillis() + Recovery.RETRY_EVERY.toMillis() * 4;
        while (!server.containers("homelabarr.deployment=" + id).isEmpty() && System.currentTimeMillis() < deadline) {
            DeployFixture.sleep(500);
        }
        assertThat(server.containers("homelabarr.deployment=" + id)).as("cleaned once the engine answers").isEmpty();
        assertThat(server.networks("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.volumes("homelabarr.app=" + app)).as("volumes kept").hasSize(1);
    }

    @Test
    void aRedeployCutShortGivesThePreviousContainersBackOnTheNextStart() {
        server = new DeployFixture(dir.resolve("data"));
        String app = server.template("redo", DeployFailureTest.SLOW);
        server.start();
        int port = DeployFixture.freePort();
        String first = server.deploy(app, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"0\"}".formatted(port));
        assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
        List<String> before = server.containers("homelabarr.deployment=" + first).stream().map(c -> c.getId()).sorted().toList();

        DeployFixture.Response r = server.post("/deploy", "{\"appId\": \"" + app
                + "\", \"redeploy\": true, \"config\": {\"SLOW_SECONDS\": \"60\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String second = r.json().get("deploymentId").asText();
        server.awaitStatus(second, "starting");
        server.stop();
        server.start();

        assertThat(server.get("/deployments/" + second).json().get("data").get("status").asText()).isEqualTo("interrupted");
        assertThat(server.containers("homelabarr.deployment=" + second)).isEmpty();
        var restored = server.containers("homelabarr.deployment=" + first);
        assertThat(restored.stream().map(c -> c.getId()).sorted().toList()).isEqualTo(before);
        String slug = app.substring("myapps-".length());
        assertThat(restored).allSatisfy(c -> {
            assertThat(c.getState()).isEqualTo("running");
            assertThat(c.getNames()[0]).isIn("/" + slug, "/" + slug + "-slow");
        });
    }
}
