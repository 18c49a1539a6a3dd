package homelabarr.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.docker.SwarmEngine;
import homelabarr.docker.SwarmEngine.StackService;
import homelabarr.testing.Await;
import homelabarr.testing.Http.Response;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.SwarmNodes;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stack deployment's life beyond success and failure, on the real three-node swarm registered as an environment:
 * cancelled through the deployments' cancel route (a first deploy's stack removed, a redeploy's previous specs put
 * back), a redeploy keeping the generated secrets, and a deployment interrupted by a server restart.
 */
@NeedsDocker
class SwarmLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final String NAMESPACE = "com.docker.stack.namespace";
    private static final String DEPLOYMENT = "homelabarr.deployment";
    @TempDir
    static Path dir;
    static SwarmNodes nodes;
    static TestServer server;
    static String keep;
    static String pending;
    static String halfMade;

    @BeforeAll
    static void start() {
        nodes = SwarmNodes.shared();
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        keep = builder.template("skeep", SwarmTemplates.KEEP);
        pending = builder.template("spend", SwarmTemplates.PENDING);
        halfMade = builder.template("shalf", SwarmTemplates.PENDING);
        server = builder.start();
        server.post("/environments", server.token(), """
                {"name": "%s", "address": "%s"}""".formatted(SwarmModeTest.ENV, SwarmNodes.MANAGER)).assertStatus(201);
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (nodes != null) {
                nodes.cleanUp();
            }
        }
    }

    private static String deploy(String app, String config, boolean redeploy) {
        Response r = server.post(SwarmModeTest.swarm("/swarm/deploy"), server.token(), """
                {"appId": "%s", "config": %s, "redeploy": %s}""".formatted(app, config, redeploy));
        assertThat(r.status()).as("swarm deploy %s: %s", app, r.body()).isEqualTo(202);
        assertThat(r.json().get("environment").asText()).isEqualTo(SwarmModeTest.ENV);
        return r.json().get("deploymentId").asText();
    }

    private static StackService service(String app) {
        return nodes.engine().service(app + "_app").orElseThrow();
    }

    private static long running(SwarmEngine swarm, StackService s) {
        return swarm.tasks(List.of(s.id())).stream()
                .filter(t -> "running".equals(t.state()) && "running".equals(t.desiredState())).count();
    }

    @Test
    void cancellingAFirstDeployRemovesItsStack() {
        String id = deploy(pending, "{}", false);
        server.awaitStatus(id, "starting");
        assertThat(nodes.engine().services(NAMESPACE, pending)).hasSize(1);

        Response cancel = server.delete("/deployments/" + id, server.token()).assertStatus(202);
        assertThat(cancel.json().get("status").asText()).isEqualTo("cancelling");
        JsonNode end = server.awaitEnd(id);
        assertThat(end.get("status").asText()).isEqualTo("cancelled");
        assertThat(end.get("kind").asText()).isEqualTo("stack");
        assertThat(end.get("environment").asText()).isEqualTo(SwarmModeTest.ENV);
        assertThat(end.get("reason").asText()).contains("Cancelled by admin").contains("the new stack was removed");
        assertThat(nodes.engine().services(NAMESPACE, pending)).isEmpty();
        Await.until("the stack's network is gone", WAIT, () -> nodes.engine().networks(NAMESPACE, pending).isEmpty());
        server.delete("/deployments/" + id, server.token()).assertError(409);
        server.get(SwarmModeTest.swarm("/swarm/stacks/" + pending)).assertError(404);
    }

    @Test
    void aRedeployKeepsTheGeneratedSecretAndACancelledOnePutsThePreviousSpecBack() {
        String first = deploy(keep, "{}", false);
        assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
        String key = service(keep).environment().get("API_KEY");
        assertThat(key).hasSizeGreaterThan(10);
        assertThat(server.get("/deployments/" + first).body()).doesNotContain(key);

        String second = deploy(keep, "{\"MESSAGE\": \"two\"}", true);
        assertThat(server.awaitEnd(second).get("status").asText()).isEqualTo("succeeded");
        assertThat(service(keep).environment()).containsEntry("API_KEY", key).containsEntry("MESSAGE", "two");
        assertThat(service(keep).labels()).containsEntry(DEPLOYMENT, second);

        // an update whose new task cannot be placed anywhere: it waits until cancelled
        String third = deploy(keep, "{\"NODE\": \"hlr-nowhere\"}", true);
        server.awaitStatus(third, "starting");
        Await.until("the update reached the service", WAIT, () -> third.equals(service(keep).labels().get(DEPLOYMENT)));
        server.delete("/deployments/" + third, server.token()).assertStatus(202);
        JsonNode end = server.awaitEnd(third);
        assertThat(end.get("status").asText()).isEqualTo("cancelled");
        assertThat(end.get("reason").asText()).contains("the previous service specs were put back");
        Await.until("the previous spec is back", WAIT, () -> second.equals(service(keep).labels().get(DEPLOYMENT)));
        assertThat(service(keep).environment()).containsEntry("API_KEY", key).containsEntry("MESSAGE", "two");
        Await.until("its task runs again", WAIT, () -> running(nodes.engine(), service(keep)) == 1);
        server.delete(SwarmModeTest.swarm("/swarm/stacks/" + keep), server.token()).assertStatus(200);
    }

    @Test
    void aDeploymentInterruptedByARestartIsMarkedAndItsHalfMadeStackRemoved() {
        String id = deploy(halfMade, "{}", false);
        server.awaitStatus(id, "starting");
        assertThat(nodes.engine().services(NAMESPACE, halfMade)).hasSize(1);

        server.restart();
        JsonNode d = server.get("/deployments/" + id).json().get("data");
        assertThat(d.get("status").asText()).isEqualTo("interrupted");
        assertThat(d.get("reason").asText()).contains("the stack it had begun was removed");
        assertThat(nodes.engine().services(NAMESPACE, halfMade)).isEmpty();
        Await.until("the stack's network is gone", WAIT, () -> nodes.engine().networks(NAMESPACE, halfMade).isEmpty());
        JsonNode audit = server.get("/audit?action=swarm.deploy&actor=system").json().get("data");
        assertThat(audit.toString()).contains(halfMade + " @" + SwarmModeTest.ENV).contains("interrupted");
    }

    @Test
    void theLocalEngineIsNoManagerAndAnUnknownEnvironmentIsNotFound() {
        Response r = server.get("/swarm/nodes").assertError(409);
        assertThat(r.error()).isEqualTo("Not a swarm manager");
        assertThat(r.details()).contains("environment local");
        server.get("/api/swarm/stacks/some-app?env=local").assertError(409);
        server.post("/swarm/deploy", server.token(), "{\"appId\": \"x\"}").assertError(409);
        server.post("/swarm/stacks/" + keep + "/services/app/scale", server.token(), "{\"replicas\": 1}").assertError(409);
        server.delete("/swarm/stacks/" + keep, server.token()).assertError(409);
        for (String env : List.of("nope", "all")) {
            int status = env.equals("all") ? 400 : 404;
            server.get("/swarm/nodes?env=" + env).assertError(status);
            server.get("/swarm/stacks/" + keep + "?env=" + env).assertError(status);
            server.post("/swarm/deploy?env=" + env, server.token(), "{\"appId\": \"" + keep + "\"}").assertError(status);
            server.post("/swarm/stacks/" + keep + "/services/app/scale?env=" + env, server.token(), "{\"replicas\": 1}")
                    .assertError(status);
            server.delete("/swarm/stacks/" + keep + "?env=" + env, server.token()).assertError(status);
        }
        JsonNode audit = server.get("/audit?action=swarm.deploy").json().get("data");
        assertThat(audit.toString()).contains("Unknown environment");
    }
}
