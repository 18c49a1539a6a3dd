package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http.Response;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.Sse.Event;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a deploy can fail ends with nothing of it left running, and volumes and data untouched. */
@NeedsDocker
class DeployFailureTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String slowApp;
    static String portApp;
    static String nameApp;
    static String crashApp;
    static String crashOnceApp;
    static String missingApp;
    static String cancelApp;
    static String redoApp;

    @BeforeAll
    static void start() {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        slowApp = builder.template("slow", TestTemplates.SLOW);
        portApp = builder.template("port", TestTemplates.SLOW);
        nameApp = builder.template("named", TestTemplates.SLOW);
        cancelApp = builder.template("cancel", TestTemplates.SLOW);
        redoApp = builder.template("redo", TestTemplates.SLOW);
        crashApp = builder.template("crash", TestTemplates.CRASH);
        crashOnceApp = builder.template("crash-once", TestTemplates.CRASH_ONCE);
        missingApp = builder.template("missing", TestTemplates.missingImage());
        server = builder.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMissingImageFailsBeforeAnythingIsCreated() {
        String id = server.deploy(missingApp, "{}");
        List<Event> events = server.events(id, null);
        Event last = events.getLast();
        assertThat(last.type()).isEqualTo("error");
        assertThat(last.data().get("status").asText()).isEqualTo("failed");
        assertThat(last.data().get("reason").asText()).contains("Cannot pull image 127.0.0.1:5000/test/busybox:no-such-tag");
        assertThat(server.docker().containers("homelabarr.app=" + missingApp)).isEmpty();
        assertThat(server.docker().networks("homelabarr.app=" + missingApp)).isEmpty();
    }

    @Test
    void aPortTakenWhileDeployingRollsBackAndKeepsVolumesAndData() throws Exception {
        int port = TestServer.freePort();
        Path keep = dir.resolve("appdata/slow/keep");
        Files.createDirectories(keep);
        Files.writeString(keep.resolve("precious.txt"), "user data");
        String id = server.deploy(slowApp, "{\"WEBUI_PORT\": \"%d\", \"APPFOLDER\": \"%s\"}".formatted(port, dir.resolve("appdata")));
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("0.0.0.0", port));
            JsonNode end = server.awaitEnd(id);
            assertThat(end.get("status").asText()).isEqualTo("rolled-back");
            assertThat(end.get("reason").asText()).contains("web").contains("port");
        }
        assertThat(server.docker().containers("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.docker().networks("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.docker().volumes("homelabarr.app=" + slowApp)).as("volume kept").hasSize(1);
        assertThat(keep.resolve("precious.txt")).hasContent("user data");
        List<Event> events = server.events(id, null);
        assertThat(events).anyMatch(e -> e.type().equals("step") && e.data().get("step").asText().equals("rollback"));
        assertThat(server.get("/audit?action=deploy").json().get("data").toString()).contains(slowApp).contains("failure");
    }

    @Test
    void aRestartedContainerIsReportedWithItsRealExitCode() {
        String id = server.deploy(crashOnceApp, "{}");
        Event last = server.events(id, null).getLast();
        assertThat(last.data().get("status").asText()).isEqualTo("rolled-back");
        assertThat(last.data().get("reason").asText()).contains("exited with code 127 and was restarted",
                "last output: not found: app");
        assertThat(server.docker().containers("homelabarr.app=" + crashOnceApp)).isEmpty();
    }

    @Test
    void aContainerThatExitsRollsBackWithItsLastWords() {
        String id = server.deploy(crashApp, "{}");
        List<Event> events = server.events(id, null);
        assertThat(events.getLast().data().get("status").asText()).isEqualTo("rolled-back");
        assertThat(events.getLast().data().get("reason").asText()).contains("exited with code 3",
                "last output: fatal: no configuration found");
        assertThat(events).anyMatch(e -> e.type().equals("log")
                && e.data().get("line").asText().equals("fatal: no configuration found")
                && e.data().get("stream").asText().equals("stderr"));
        assertThat(server.docker().containers("homelabarr.app=" + crashApp)).isEmpty();
        assertThat(server.docker().volumes("homelabarr.app=" + crashApp)).hasSize(1);
    }

    @Test
    void aPortInUseOnTheHostIsRefusedBeforeAnythingRuns() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = squatter.getLocalPort();
            Response r = server.post("/deploy", server.token(),
                    "{\"appId\":\"%s\",\"config\":{\"WEBUI_PORT\":\"%d\"}}".formatted(portApp, port));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("details").asText()).contains("Port " + port + "/tcp");
        }
        assertThat(server.get("/deployments?app=" + portApp).json().get("total").asInt()).isZero();
        assertThat(server.docker().containers("homelabarr.app=" + portApp)).isEmpty();
    }

    @Test
    void aContainerNameInUseIsRefusedBeforeAnythingRuns() {
        String slug = nameApp.substring("myapps-".length());
        String squatter = server.docker().create(slug, cmd -> { }, "/bin/true");
        try {
            Response r = server.post("/deploy", server.token(), "{\"appId\":\"%s\",\"config\":{\"WEBUI_PORT\":\"%d\"}}"
                    .formatted(nameApp, TestServer.freePort()));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("details").asText()).contains("'" + slug + "'");
            assertThat(server.get("/deployments?app=" + nameApp).json().get("total").asInt()).isZero();
        } finally {
            server.docker().client().removeContainerCmd(squatter).withForce(true).exec();
        }
    }

    @Test
    void twoConcurrentDeploysOfOneAppGetOne409AndCancellingRollsBack() {
        String body = "{\"appId\":\"%s\",\"config\":{\"WEBUI_PORT\":\"%d\",\"SLOW_SECONDS\":\"30\"}}"
                .formatted(cancelApp, TestServer.freePort());
        List<CompletableFuture<Response>> calls = List.of(
                CompletableFuture.supplyAsync(() -> server.post("/deploy", server.token(), body)),
                CompletableFuture.supplyAsync(() -> server.post("/deploy", server.token(), body)));
        List<Response> answers = calls.stream().map(CompletableFuture::join).toList();
        assertThat(answers.stream().map(Response::status)).containsExactlyInAnyOrder(202, 409);
        String id = answers.stream().filter(a -> a.status() == 202).findFirst().orElseThrow().json().get("deploymentId").asText();

        server.awaitStatus(id, "starting");
        Response cancel = server.delete("/deployments/" + id, server.token());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        JsonNode end = server.awaitEnd(id);
        assertThat(end.get("status").asText()).isEqualTo("cancelled");
        assertThat(end.get("reason").asText()).contains("Cancelled by admin");
        assertThat(server.docker().containers("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.delete("/deployments/" + id, server.token()).status()).isEqualTo(409);
        assertThat(server.delete("/deployments/0000000000000000", server.token()).status()).isEqualTo(404);
    }

    @Test
    void theWebPortOfASucceededDeployAnswers() throws Exception {
        // sanity check of the slow template itself, so the failures above fail for the reason they claim
        int port = TestServer.freePort();
        String id = server.deploy(slowApp, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"0\", \"APPFOLDER\": \"%s\"}"
                .formatted(port, dir.resolve("appdata2")));
        assertThat(server.awaitEnd(id).get("status").asText()).isEqualTo("succeeded");
        HttpResponse<String> page = server.http().client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("homelabarr test page");
        String web = server.docker().containers("homelabarr.app=" + slowApp).stream()
                .filter(c -> "web".equals(c.getLabels().get("com.docker.compose.service"))).findFirst().orElseThrow().getId();
        String anonymous = server.docker().client().inspectContainerCmd(web).exec().getMounts().stream()
                .filter(m -> m.getDestination().getPath().equals("/cache")).findFirst().orElseThrow().getName();
        assertThat(server.delete("/applications/" + slowApp + "?removeVolumes=true", server.token()).status()).isEqualTo(200);
        assertThat(server.docker().volumes("homelabarr.app=" + slowApp)).isEmpty();
        assertThat(server.docker().client().listVolumesCmd().exec().getVolumes()).noneMatch(v -> v.getName().equals(anonymous));
    }

    @Test
    void aFailedRedeployGivesThePreviousVersionBack() {
        String first = server.deploy(redoApp, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"0\"}".formatted(TestServer.freePort()));
        assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
        List<String> before = server.docker().containers("homelabarr.app=" + redoApp).stream().map(c -> c.getId()).sorted().toList();

        Response r = server.post("/deploy", server.token(),
                "{\"appId\": \"" + redoApp + "\", \"redeploy\": true, \"config\": {\"SLOW_SECONDS\": \"60\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String second = r.json().get("deploymentId").asText();
        server.awaitStatus(second, "starting");
        assertThat(server.delete("/deployments/" + second, server.token()).status()).isEqualTo(202);
        JsonNode end = server.awaitEnd(second);
        assertThat(end.get("status").asText()).isEqualTo("cancelled");

        var now = server.docker().containers("homelabarr.app=" + redoApp);
        assertThat(now.stream().map(c -> c.getId()).sorted().toList()).isEqualTo(before);
        String slug = redoApp.substring("myapps-".length());
        assertThat(now).allSatisfy(c -> {
            assertThat(c.getState()).isEqualTo("running");
            assertThat(c.getNames()[0]).isIn("/" + slug, "/" + slug + "-slow");
        });
        assertThat(server.events(second, null)).anyMatch(e -> e.type().equals("step")
                && e.data().get("message").asText().contains("previous version was restored"));
    }
}
