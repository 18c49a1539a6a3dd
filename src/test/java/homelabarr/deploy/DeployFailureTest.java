package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.deploy.DeployFixture.Event;
import homelabarr.deploy.DeployFixture.Response;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a deploy can fail ends with nothing of it left running, and volumes and data untouched. */
class DeployFailureTest {
    /** web waits for slow to become healthy, which takes SLOW_SECONDS: a window to interfere in. */
    static final String SLOW = DeployFixture.header("Slow", "A web server behind a slow dependency") + """
              webUi:
                service: web
                port: 8080
              settings:
                - key: WEBUI_PORT
                  label: Web port
                  type: port
                  required: true
                - key: SLOW_SECONDS
                  label: Seconds until healthy
                  type: number
                  default: "2"
            services:
              slow:
                image: homelabarr-test/busybox:1
                command: ["/bin/sh", "-c", "sleep ${SLOW_SECONDS}; touch /tmp/ready; exec sleep 3600"]
                init: true
                healthcheck:
                  test: ["CMD", "sh", "-c", "[ -f /tmp/ready ]"]
                  interval: 1s
                volumes:
                  - data:/data
                  - ${APPFOLDER}/slow/keep:/keep
                labels:
                  homelabarr.test: "true"
              web:
                image: homelabarr-test/busybox:1
                command: ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]
                init: true
                depends_on:
                  slow:
                    condition: service_healthy
                ports:
                  - "${WEBUI_PORT}:8080"
                volumes:
                  - /cache
                labels:
                  homelabarr.test: "true"
            """ + DeployFixture.LABELLED_DATA_AND_NETWORK;
    static final String CRASH = DeployFixture.header("Crash", "Exits right after it starts") + """
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sh", "-c", "echo fatal: no configuration found >&2; exit 3"]
                restart: unless-stopped
                volumes:
                  - data:/data
                labels:
                  homelabarr.test: "true"
            """ + DeployFixture.LABELLED_DATA_AND_NETWORK;
    /** Fails once with 127, then runs: by the time it is verified the engine says "running, exit code 0". */
    static final String CRASH_ONCE = DeployFixture.header("Crash once", "Exits on its first start only") + """
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sh", "-c", "[ -f /data/ran ] && exec sleep 3600; touch /data/ran; echo not found: app >&2; exit 127"]
                restart: always
                volumes:
                  - data:/data
                labels:
                  homelabarr.test: "true"
            """ + DeployFixture.LABELLED_DATA_AND_NETWORK;
    static final String MISSING_IMAGE = DeployFixture.header("Missing", "Its image is not in the registry") + """
            services:
              app:
                image: 127.0.0.1:5000/test/busybox:no-such-tag-%d
                command: ["/bin/sh", "-c", "exec sleep 3600"]
                labels:
                  homelabarr.test: "true"
            """.formatted(System.nanoTime());

    @TempDir
    static Path dir;
    static DeployFixture server;
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
        server = new DeployFixture(dir.resolve("data"));
        slowApp = server.template("slow", SLOW);
        portApp = server.template("port", SLOW);
        nameApp = server.template("named", SLOW);
        cancelApp = server.template("cancel", SLOW);
        redoApp = server.template("redo", SLOW);
        crashApp = server.template("crash", CRASH);
        crashOnceApp = server.template("crash-once", CRASH_ONCE);
        missingApp = server.template("missing", MISSING_IMAGE);
        server.start();
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
        assertThat(server.containers("homelabarr.app=" + missingApp)).isEmpty();
        assertThat(server.networks("homelabarr.app=" + missingApp)).isEmpty();
    }

    @Test
    void aPortTakenWhileDeployingRollsBackAndKeepsVolumesAndData() throws Exception {
        int port = DeployFixture.freePort();
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
        assertThat(server.containers("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.networks("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.volumes("homelabarr.app=" + slowApp)).as("volume kept").hasSize(1);
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
        assertThat(server.containers("homelabarr.app=" + crashOnceApp)).isEmpty();
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
        assertThat(server.containers("homelabarr.app=" + crashApp)).isEmpty();
        assertThat(server.volumes("homelabarr.app=" + crashApp)).hasSize(1);
    }

    @Test
    void aPortInUseOnTheHostIsRefusedBeforeAnythingRuns() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = squatter.getLocalPort();
            Response r = server.post("/deploy", "{\"appId\":\"%s\",\"config\":{\"WEBUI_PORT\":\"%d\"}}".formatted(portApp, port));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("details").asText()).contains("Port " + port + "/tcp");
        }
        assertThat(server.get("/deployments?app=" + portApp).json().get("total").asInt()).isZero();
        assertThat(server.containers("homelabarr.app=" + portApp)).isEmpty();
    }

    @Test
    void aContainerNameInUseIsRefusedBeforeAnythingRuns() {
        String slug = nameApp.substring("myapps-".length());
        String squatter = server.docker().createContainerCmd(DeployFixture.IMAGE).withName(slug).withCmd("/bin/true")
                .withLabels(Map.of("homelabarr.test", "true")).exec().getId();
        try {
            Response r = server.post("/deploy", "{\"appId\":\"%s\",\"config\":{\"WEBUI_PORT\":\"%d\"}}"
                    .formatted(nameApp, DeployFixture.freePort()));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("details").asText()).contains("'" + slug + "'");
            assertThat(server.get("/deployments?app=" + nameApp).json().get("total").asInt()).isZero();
        } finally {
            server.docker().removeContainerCmd(squatter).withForce(true).exec();
        }
    }

    @Test
    void twoConcurrentDeploysOfOneAppGetOne409AndCancellingRollsBack() {
        String body = "{\"appId\":\"%s\",\"config\":{\"WEBUI_PORT\":\"%d\",\"SLOW_SECONDS\":\"30\"}}"
                .formatted(cancelApp, DeployFixture.freePort());
        List<CompletableFuture<Response>> calls = List.of(
                CompletableFuture.supplyAsync(() -> server.post("/deploy", body)),
                CompletableFuture.supplyAsync(() -> server.post("/deploy", body)));
        List<Response> answers = calls.stream().map(CompletableFuture::join).toList();
        assertThat(answers.stream().map(Response::status)).containsExactlyInAnyOrder(202, 409);
        String id = answers.stream().filter(a -> a.status() == 202).findFirst().orElseThrow().json().get("deploymentId").asText();

        server.awaitStatus(id, "starting");
        Response cancel = server.delete("/deployments/" + id);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        JsonNode end = server.awaitEnd(id);
        assertThat(end.get("status").asText()).isEqualTo("cancelled");
        assertThat(end.get("reason").asText()).contains("Cancelled by admin");
        assertThat(server.containers("homelabarr.deployment=" + id)).isEmpty();
        assertThat(server.delete("/deployments/" + id).status()).isEqualTo(409);
        assertThat(server.delete("/deployments/0000000000000000").status()).isEqualTo(404);
    }

    @Test
    void theWebPortOfASucceededDeployAnswers() throws Exception {
        // sanity check of the slow template itself, so the failures above fail for the reason they claim
        int port = DeployFixture.freePort();
        String id = server.deploy(slowApp, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"0\", \"APPFOLDER\": \"%s\"}"
                .formatted(port, dir.resolve("appdata2")));
        assertThat(server.awaitEnd(id).get("status").asText()).isEqualTo("succeeded");
        HttpResponse<String> page = server.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("homelabarr test page");
        String web = server.containers("homelabarr.app=" + slowApp).stream()
                .filter(c -> "web".equals(c.getLabels().get("com.docker.compose.service"))).findFirst().orElseThrow().getId();
        String anonymous = server.docker().inspectContainerCmd(web).exec().getMounts().stream()
                .filter(m -> m.getDestination().getPath().equals("/cache")).findFirst().orElseThrow().getName();
        assertThat(server.delete("/applications/" + slowApp + "?removeVolumes=true").status()).isEqualTo(200);
        assertThat(server.volumes("homelabarr.app=" + slowApp)).isEmpty();
        assertThat(server.docker().listVolumesCmd().exec().getVolumes()).noneMatch(v -> v.getName().equals(anonymous));
    }

    @Test
    void aFailedRedeployGivesThePreviousVersionBack() {
        String first = server.deploy(redoApp, "{\"WEBUI_PORT\": \"%d\", \"SLOW_SECONDS\": \"0\"}".formatted(DeployFixture.freePort()));
        assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
        List<String> before = server.containers("homelabarr.app=" + redoApp).stream().map(c -> c.getId()).sorted().toList();

        Response r = server.post("/deploy", "{\"appId\": \"" + redoApp + "\", \"redeploy\": true, \"config\": {\"SLOW_SECONDS\": \"60\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String second = r.json().get("deploymentId").asText();
        server.awaitStatus(second, "starting");
        assertThat(server.delete("/deployments/" + second).status()).isEqualTo(202);
        JsonNode end = server.awaitEnd(second);
        assertThat(end.get("status").asText()).isEqualTo("cancelled");

        var now = server.containers("homelabarr.app=" + redoApp);
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
