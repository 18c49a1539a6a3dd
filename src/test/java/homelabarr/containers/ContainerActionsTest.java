package homelabarr.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Volume;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static homelabarr.policy.ContainerGuard.APP_LABEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start, stop, restart and remove on unknown, running, stopped and removed containers; audit entries. */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerActionsTest {
    private TestServer server;
    private DockerFixture docker;
    private String token;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        docker = new DockerFixture();
        token = server.userToken("user");
    }

    @AfterAll
    void stop() {
        if (docker != null) {
            docker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * A running container that carries HomelabARR's app label, so the {@code user} role may act on it; containers
     * HomelabARR did not create are the admin's alone (see DeployPolicyTest).
     */
    private String managed(String name) {
        return docker.run(name, cmd -> cmd.withLabels(Map.of(APP_LABEL, app())), DockerFixture.IDLE);
    }

    private String app() {
        return "test-actions-" + docker.runId();
    }

    private Http.Response act(String ref, String action) {
        return server.post("/containers/" + ref + "/" + action, token);
    }

    private void assertError(Http.Response res, int status) {
        assertThat(res.status()).as(res.body()).isEqualTo(status);
        assertThat(res.json().get("error").asText()).isNotBlank();
        assertThat(res.json().get("details").asText()).isNotBlank();
    }

    private boolean running(String id) {
        return Boolean.TRUE.equals(docker.client().inspectContainerCmd(id).exec().getState().getRunning());
    }

    @Test
    void unknownContainersAre404ForEveryRoute() {
        String unknown = "no-such-container-" + docker.runId();
        for (String action : new String[]{"start", "stop", "restart"}) {
            assertError(act(unknown, action), 404);
        }
        assertError(server.delete("/containers/" + unknown, token), 404);
        assertError(server.get("/containers/" + unknown + "/logs"), 404);
        assertError(server.get("/containers/" + unknown), 404);
        assertError(server.get("/containers/" + "ab".repeat(32) + "/stats"), 404);
    }

    @Test
    void badReferencesAndTimeoutsAre400() {
        String id = managed(docker.name("params"));
        assertError(act("-leading-dash", "start"), 400);
        assertError(act("bad%20name", "stop"), 400);
        for (String timeout : new String[]{"-1", "601", "soon", "1.5"}) {
            Http.Response res = server.post("/containers/" + id + "/stop?timeout=" + timeout, token);
            assertError(res, 400);
            assertThat(res.json().get("details").asText()).contains("timeout");
        }
        assertError(server.delete("/containers/" + id + "?force=perhaps", token), 400);
        assertError(server.delete("/containers/" + id + "?force=true&volumes=2", token), 400);
        assertThat(running(id)).isTrue();
    }

    @Test
    void startingARunningOrStoppingAStoppedContainerChangesNothing() {
        String name = docker.name("cycle");
        String id = managed(name);

        JsonNode again = act(name, "start").json();
        assertThat(again.get("changed").asBoolean()).isFalse();
        assertThat(again.get("state").asText()).isEqualTo("running");

        Http.Response stopped = act(id.substring(0, 12), "stop?timeout=5");
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().get("changed").asBoolean()).isTrue();
        assertThat(stopped.json().get("state").asText()).isEqualTo("exited");
        assertThat(stopped.json().get("name").asText()).isEqualTo(name);
        assertThat(running(id)).isFalse();

        Http.Response stopAgain = act(id, "stop");
        assertThat(stopAgain.status()).isEqualTo(200);
        assertThat(stopAgain.json().get("changed").asBoolean()).isFalse();

        JsonNode started = act(name, "start").json();
        assertThat(started.get("changed").asBoolean()).isTrue();
        assertThat(running(id)).isTrue();

        InspectContainerResponse before = docker.client().inspectContainerCmd(id).exec();
        JsonNode restarted = server.post("/api/containers/" + name + "/restart?timeout=0", token).json();
        assertThat(restarted.get("changed").asBoolean()).isTrue();
        assertThat(restarted.get("state").asText()).isEqualTo("running");
        assertThat(docker.client().inspectContainerCmd(id).exec().getState().getStartedAt())
                .isNotEqualTo(before.getState().getStartedAt());
    }

    @Test
    void removingARunningContainerNeedsForce() {
        String name = docker.name("remove");
        String id = managed(name);

        Http.Response refused = server.delete("/containers/" + name, token);
        assertError(refused, 409);
        assertThat(refused.json().get("details").asText()).contains("force=true");
        assertThat(running(id)).isTrue();

        Http.Response removed = server.delete("/containers/" + name + "?force=true", token);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("changed").asBoolean()).isTrue();
        assertThatThrownBy(() -> docker.client().inspectContainerCmd(id).exec()).isInstanceOf(NotFoundException.class);

        assertError(server.delete("/containers/" + name + "?force=true", token), 404);
        assertError(act(id, "start"), 404);
        assertError(act(id, "stop"), 404);
    }

    @Test
    void removingWithVolumesRemovesTheAnonymousVolume() {
        String name = docker.name("volume");
        String id = docker.create(name, cmd -> cmd.withVolumes(new Volume("/data")).withLabels(Map.of(APP_LABEL, app())),
                DockerFixture.IDLE);
        String volume = docker.client().inspectContainerCmd(id).exec().getMounts().getFirst().getName();
        assertThat(docker.client().inspectVolumeCmd(volume).exec().getName()).isEqualTo(volume);

        Http.Response removed = server.delete("/containers/" + name + "?volumes=true", token);
        assertThat(removed.status()).isEqualTo(200);
        assertThatThrownBy(() -> docker.client().inspectVolumeCmd(volume).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyActionIsAudited() {
        String name = docker.name("audited");
        managed(name);
        act(name, "stop?timeout=1");
        act(name, "stop");
        act("missing-" + docker.runId(), "stop");

        JsonNode entries = server.get("/audit?action=container.stop").json().get("data");
        assertThat(entries.toString()).contains(name, "missing-" + docker.runId());
        JsonNode failure = entries.get(0);
        assertThat(failure.get("target").asText()).isEqualTo("missing-" + docker.runId());
        assertThat(failure.get("result").asText()).isEqualTo("failure");
        assertThat(failure.get("actor").asText()).startsWith("user-");
        assertThat(entries.get(1).get("result").asText()).isEqualTo("success");
        assertThat(entries.get(1).get("details").asText()).contains("no change");
        assertThat(entries.get(2).get("result").asText()).isEqualTo("success");
        assertThat(entries.get(2).get("target").asText()).isEqualTo(name);
    }
}
