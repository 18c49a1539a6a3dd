package homelabarr.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.docker.SwarmEngine;
import homelabarr.docker.SwarmEngine.StackService;
import homelabarr.testing.Await;
import homelabarr.testing.Http.Response;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.Sse;
import homelabarr.testing.SwarmNodes;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swarm mode against a real three-node swarm (dockerds in network namespaces, {@link SwarmNodes}): a replicated
 * stack on the nodes, answering on each in host mode; scaling; draining a node; a failing update rolled back by
 * Swarm; removal; bind mounts; the deploy policy for non-admins. The swarm's manager is the environment ENV.
 */
@NeedsDocker
class SwarmModeTest {
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final String PASSWORD = "quiet-harbor-lantern-42";
    static final String ENV = "swarm";
    @TempDir
    static Path dir;
    static SwarmNodes nodes;
    static TestServer server;
    static String web;
    static String rolling;
    static String idle;
    static String loose;
    static String pinned;
    static String overlay;
    static String userToken;
    static String viewerToken;

    @BeforeAll
    static void start() {
        nodes = SwarmNodes.shared();
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        web = builder.template("sweb", SwarmTemplates.WEB3);
        rolling = builder.template("sroll", SwarmTemplates.WEB3);
        idle = builder.template("sidle", SwarmTemplates.IDLE3);
        loose = builder.template("sbind", SwarmTemplates.LOOSE_BIND);
        pinned = builder.template("spin", SwarmTemplates.PINNED_ROOT);
        overlay = builder.template("snet", SwarmTemplates.OVERLAY);
        server = builder.start();
        // the swarm's manager as an environment: the local engine, which is no manager, stays the default
        server.post("/environments", server.token(), """
                {"name": "%s", "address": "%s"}""".formatted(ENV, SwarmNodes.MANAGER)).assertStatus(201);
        server.createUser(server.token(), "user2", PASSWORD, "user");
        userToken = server.login("user2", PASSWORD);
        server.createUser(server.token(), "viewer2", PASSWORD, "viewer");
        viewerToken = server.login("viewer2", PASSWORD);
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

    /** A swarm route on the swarm's environment. */
    static String swarm(String path) {
        return path + (path.contains("?") ? "&" : "?") + "env=" + ENV;
    }

    private static String deploy(String app, String config, boolean redeploy) {
        Response r = server.post(swarm("/swarm/deploy"), server.token(), """
                {"appId": "%s", "config": %s, "redeploy": %s}""".formatted(app, config, redeploy));
        assertThat(r.status()).as("swarm deploy %s: %s", app, r.body()).isEqualTo(202);
        assertThat(r.json().get("streamUrl").asText()).startsWith("/stream/progress?deploymentId=");
        return r.json().get("deploymentId").asText();
    }

    private static JsonNode stack(String app) {
        Response r = server.get(swarm("/swarm/stacks/" + app));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    /** The tasks of the stack's one service that run now, as node hostnames. */
    private static List<String> runningOn(String app) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : stack(app).get("services").get(0).get("tasks")) {
            if (t.get("state").asText().equals("running")) {
                out.add(t.get("node").asText());
            }
        }
        return out;
    }

    private static void remove(String app) {
        Response r = server.delete(swarm("/swarm/stacks/" + app), server.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** GET http://NODE:PORT/PATH from this host; null when nothing answers. */
    private static HttpResponse<String> fetch(String node, int port, String path) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return client.send(HttpRequest.newBuilder(URI.create("http://" + SwarmNodes.address(node) + ":" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void servicesOfAStackTalkOverItsOverlayNetworkAcrossNodes() {
        String id = deploy(overlay, "{}", false);
        List<Sse.Event> events = server.events(id, null);
        assertThat(events.getLast().type()).as(events.toString()).isEqualTo("complete");
        JsonNode services = stack(overlay).get("services");
        assertThat(services.toString()).contains("\"node\":\"hlr-sw1\"").contains("\"node\":\"hlr-sw3\"");
        Await.until("probe on hlr-sw3 got web's page from hlr-sw1 over the overlay", WAIT,
                () -> fetch("hlr-sw3", 18083, "/index.html") instanceof HttpResponse<String> r && r.statusCode() == 200
                        && r.body().strip().equals("reached-web"));
        remove(overlay);
    }

    @Test
    void aReplicatedStackRunsOnTheNodesAnswersInHostModeScalesAndIsRemoved() {
        String id = deploy(web, "{\"WEBUI_PORT\": \"18081\"}", false);
        List<Sse.Event> events = server.events(id, null);
        Sse.Event last = events.getLast();
        assertThat(last.type()).as(events.toString()).isEqualTo("complete");
        List<JsonNode> tasks = events.stream().filter(e -> e.type().equals("task")).map(Sse.Event::data).toList();
        assertThat(tasks).isNotEmpty();
        assertThat(tasks).anySatisfy(t -> {
            assertThat(t.get("service").asText()).isEqualTo("web");
            assertThat(t.get("state").asText()).isEqualTo("running");
            assertThat(t.get("node").asText()).startsWith("hlr-sw");
        });
        assertThat(server.get("/deployments/" + id).json().get("data").get("status").asText()).isEqualTo("succeeded");

        // docker stack ps/services find it by the stack's labels; the overlay network is <app>_default
        SwarmEngine swarm = nodes.engine();
        StackService service = swarm.service(web + "_web").orElseThrow();
        assertThat(service.labels()).containsEntry("com.docker.stack.namespace", web)
                .containsEntry("com.docker.stack.image", "homelabarr-test/busybox:1")
                .containsEntry("homelabarr.app", web).containsEntry("homelabarr.deployment", id);
        assertThat(service.ports()).singleElement().satisfies(p -> assertThat(p.mode()).isEqualTo("host"));
        assertThat(swarm.networks("com.docker.stack.namespace", web)).containsExactly(web + "_default");

        List<String> on = runningOn(web);
        assertThat(on).hasSize(3);
        assertThat(new HashSet<>(on)).as("host-mode port: one task per node").hasSize(3);
        for (String node : on) {
            Await.until("httpd answers on " + node, WAIT, () -> fetch(node, 18081, "/") != null);
        }
        JsonNode all = server.get(swarm("/swarm/stacks"), viewerToken).assertStatus(200).json();
        assertThat(all.get("data").findValuesAsText("app")).contains(web);
        JsonNode view = stack(web).get("services").get(0);
        assertThat(view.get("service").asText()).isEqualTo("web");
        assertThat(view.get("replicas").asInt()).isEqualTo(3);
        assertThat(view.toString()).doesNotContain("environment");

        // scale, and the bad inputs of scaling
        assertThat(server.post(swarm("/swarm/stacks/" + web + "/services/web/scale"), server.token(), "{\"replicas\": 1}")
                .status()).isEqualTo(202);
        Await.until("one task left", WAIT, () -> runningOn(web).size() == 1
                && stack(web).get("services").get(0).get("tasks").size() == 1);
        server.post(swarm("/swarm/stacks/" + web + "/services/web/scale"), server.token(), "{\"replicas\": -1}").assertError(400);
        server.post(swarm("/swarm/stacks/" + web + "/services/web/scale"), server.token(), "{\"replicas\": \"x\"}").assertError(400);
        server.post(swarm("/swarm/stacks/" + web + "/services/web/scale"), server.token(), "{\"count\": 2}").assertError(400);
        server.post(swarm("/swarm/stacks/" + web + "/services/nope/scale"), server.token(), "{\"replicas\": 2}").assertError(404);
        server.post(swarm("/swarm/stacks/nope-app/services/web/scale"), server.token(), "{\"replicas\": 2}").assertError(404);
        server.post(swarm("/swarm/deploy"), server.token(), "{\"appId\": \"" + web + "\", \"config\": {\"WEBUI_PORT\": \"18081\"}}")
                .assertError(409);

        remove(web);
        assertThat(swarm.services("com.docker.stack.namespace", web)).isEmpty();
        // the manager lists a removed overlay network until its last task there has gone
        Await.until("the overlay network is gone", WAIT, () -> swarm.networks("com.docker.stack.namespace", web).isEmpty());
        server.get(swarm("/swarm/stacks/" + web)).assertError(404);
        server.delete(swarm("/swarm/stacks/" + web), server.token()).assertError(404);
    }

    @Test
    void drainingANodeMovesItsTasks() {
        String id = deploy(idle, "{}", false);
        assertThat(server.events(id, null).getLast().type()).isEqualTo("complete");
        assertThat(runningOn(idle)).hasSize(3);
        String drained = runningOn(idle).getFirst();
        SwarmEngine swarm = nodes.engine();
        String nodeId = nodes.node(drained).id();
        try {
            swarm.availability(nodeId, "drain");
            Await.until("the tasks leave " + drained, WAIT, () -> {
                List<String> on = runningOn(idle);
                return on.size() == 3 && !on.contains(drained);
            });
            JsonNode history = server.get(swarm("/swarm/stacks/" + idle + "?history=true")).json().get("data");
            assertThat(history.toString()).contains("\"node\":\"" + drained + "\"");
        } finally {
            swarm.availability(nodeId, "active");
        }
        remove(idle);
    }

    @Test
    void aFailingUpdateIsRolledBackBySwarm() {
        String first = deploy(rolling, "{\"WEBUI_PORT\": \"18082\"}", false);
        assertThat(server.events(first, null).getLast().type()).isEqualTo("complete");

        String update = deploy(rolling, "{\"WEBUI_PORT\": \"18082\", \"DOCROOT\": \"/nonexistent\"}", true);
        List<Sse.Event> events = server.events(update, null);
        Sse.Event end = events.getLast();
        assertThat(end.type()).as(events.toString()).isEqualTo("error");
        assertThat(end.data().get("status").asText()).isEqualTo("rolled-back");
        assertThat(end.data().get("reason").asText()).contains("rolled the update back");
        assertThat(events).anySatisfy(e -> assertThat(e.type() + e.data()).contains("step").contains("rollback"));
        assertThat(server.get("/deployments/" + update).json().get("data").get("status").asText()).isEqualTo("rolled-back");

        StackService now = nodes.engine().service(rolling + "_web").orElseThrow();
        assertThat(now.updateState()).isEqualTo("rollback_completed");
        assertThat(now.command()).contains("/www").doesNotContain("/nonexistent");
        assertThat(now.labels()).containsEntry("homelabarr.deployment", first);
        Await.until("three tasks of the previous spec run", WAIT, () -> runningOn(rolling).size() == 3);
        for (String node : runningOn(rolling)) {
            Await.until("httpd answers on " + node, WAIT, () -> fetch(node, 18082, "/") != null);
        }

        // the same settings again: nothing for the tasks to change, and the redeploy succeeds
        String again = deploy(rolling, "{\"WEBUI_PORT\": \"18082\"}", true);
        assertThat(server.events(again, null).getLast().type()).isEqualTo("complete");
        assertThat(nodes.engine().service(rolling + "_web").orElseThrow().labels()).containsEntry("homelabarr.deployment", again);
        assertThat(runningOn(rolling)).hasSize(3);
        remove(rolling);
    }

    @Test
    void bindMountsNeedAPinnedServiceAndTheDeployPolicyJudgesNonAdmins() {
        Response refused = server.post(swarm("/swarm/deploy"), server.token(), "{\"appId\": \"" + loose + "\"}").assertError(400);
        assertThat(refused.error()).isEqualTo("Bind mount needs a pinned service");
        assertThat(refused.details()).contains("/tmp").contains("node.hostname");
        assertThat(nodes.engine().services("com.docker.stack.namespace", loose)).isEmpty();

        // the host's root: a non-admin is refused by the same policy as on a single engine
        Response forbidden = server.post(swarm("/swarm/deploy"), userToken, "{\"appId\": \"" + pinned + "\"}").assertError(403);
        assertThat(forbidden.error()).isEqualTo("Not allowed by the deploy policy");
        assertThat(nodes.engine().services("com.docker.stack.namespace", pinned)).isEmpty();

        String id = deploy(pinned, "{}", false);
        assertThat(server.events(id, null).getLast().type()).isEqualTo("complete");
        assertThat(runningOn(pinned)).containsExactly("hlr-sw2", "hlr-sw2");
        server.post(swarm("/swarm/stacks/" + pinned + "/services/app/scale"), userToken, "{\"replicas\": 0}").assertError(403);
        server.post(swarm("/swarm/stacks/" + pinned + "/services/app/scale"), viewerToken, "{\"replicas\": 0}").assertError(403);
        server.post(swarm("/swarm/deploy"), viewerToken, "{\"appId\": \"" + idle + "\"}").assertError(403);
        assertThat(server.get(swarm("/swarm/stacks/" + pinned), viewerToken).status()).isEqualTo(200);
        JsonNode audit = server.get("/audit?action=swarm.deploy&actor=user2").json().get("data");
        assertThat(audit.toString()).contains("Not allowed by the deploy policy");
        server.delete(swarm("/swarm/stacks/" + pinned), userToken).assertError(403);
        assertThat(nodes.engine().services("com.docker.stack.namespace", pinned)).hasSize(1);
        remove(pinned);
    }

    @Test
    void badRequestsAreClearRefusals() {
        server.post(swarm("/swarm/deploy"), server.token(), "{\"appId\": \"" + web + "\", \"extra\": 1}").assertError(400);
        server.post(swarm("/swarm/deploy"), server.token(), "{}").assertError(400);
        server.post(swarm("/swarm/deploy"), server.token(), "{\"appId\": \"myapps-no-such-app\"}").assertError(404);
        server.post(swarm("/swarm/deploy"), server.token(), "{\"appId\": \"" + web + "\", \"publishMode\": \"mesh\"}")
                .assertError(400);
        server.post(swarm("/swarm/deploy"), server.token(), "{\"appId\": \"" + web + "\"}").assertError(400);
        server.get(swarm("/swarm/stacks/NOT..valid")).assertError(404);
        server.post(swarm("/swarm/deploy"), null, "{\"appId\": \"" + web + "\"}").assertError(401);
        JsonNode listed = server.get(swarm("/swarm/nodes")).json().get("data");
        Set<String> hostnames = new HashSet<>();
        listed.forEach(n -> hostnames.add(n.get("hostname").asText()));
        assertThat(hostnames).containsExactlyInAnyOrder("hlr-sw1", "hlr-sw2", "hlr-sw3");
    }
}
