package homelabarr.updates;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import homelabarr.notifications.Receiver;
import homelabarr.testing.Await;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.Sse.Event;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole update story against the real engine and the real local registry (127.0.0.1:5000): an app runs
 * {@code repo:1}; a new digest is pushed for that tag; the check finds it with manifest HEADs only (the registry's
 * own log says so, and the new image is not on the engine afterwards); the update pulls it, passes the health gate
 * and the app answers; then a broken version is pushed, the update is rolled back to the previous digest by itself,
 * and the app answers again. A webhook and an SMTP server (GreenMail) hear of each end once: the rollback is not
 * also a failed deployment.
 */
@NeedsDocker
class UpdateFlowTest {
    private static final Path REGISTRY_LOG = Path.of(Optional.ofNullable(System.getenv("HOMELABARR_TEST_STATE"))
            .orElse("/var/tmp/homelabarr-test"), "registry.log");
    private static final Pattern REQUEST = Pattern.compile("\"([A-Z]+) (/v2/\\S+) HTTP/1\\.1\" (\\d{3})");

    @TempDir
    static Path dir;
    static TestServer server;
    static DockerFixture docker;
    static Versions versions;
    static String appId;
    static Receiver hooks;
    static String hookChannel;
    static GreenMail smtp;

    static String template(String image) {
        return TestTemplates.header("Updated", "A web server whose image gets updates") + """
                  webUi:
                    service: web
                    port: 8080
                  settings:
                    - key: WEBUI_PORT
                      label: Web port
                      type: port
                      required: true
                services:
                  web:
                    image: %s
                    command: ["/bin/sh", "-c", "echo started-$(cat /www/version) >> /config/log; exec /bin/httpd -f -p 8080 -h /www"]
                    init: true
                    ports:
                      - "${WEBUI_PORT}:8080"
                    volumes:
                      - ${APPFOLDER}/updated/config:/config
                    labels:
                      homelabarr.test: "true"
                """.formatted(image) + TestTemplates.LABELLED_DATA_AND_NETWORK;
    }

    @BeforeAll
    static void start() throws Exception {
        docker = new DockerFixture();
        versions = new Versions(docker.client(), "127.0.0.1:5000", null);
        versions.first("1");
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys()
                .env("UPDATE_HEALTH_WAIT", "3s").env("UPDATE_CHECK_INTERVAL", "off");
        appId = builder.template("updated", template(versions.repository() + ":1"));
        server = builder.start();
        hooks = new Receiver(200);
        hookChannel = server.post("/notifications/channels", server.adminToken(), """
                {"name": "hook", "type": "webhook",
                 "events": ["deployment.failed", "update.applied", "update.failed", "update.rolled-back"],
                 "settings": {"url": "%s", "secret": "update-flow-secret"}}""".formatted(hooks.url("/hook")))
                .assertStatus(201).json().path("data").path("id").asText();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        server.post("/notifications/channels", server.adminToken(), """
                {"name": "mail", "type": "email",
                 "events": ["deployment.failed", "update.applied", "update.failed", "update.rolled-back"],
                 "settings": {"host": "127.0.0.1", "port": "%d", "security": "none", "from": "homelab@example.com",
                              "to": "admin@example.com"}}""".formatted(smtp.getSmtp().getPort())).assertStatus(201);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (hooks != null) {
            hooks.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        docker.removeApp(appId);
        versions.removeAll();
        docker.close();
    }

    @Test
    void anUpdateIsFoundWithoutPullingAppliedAndABrokenOneRolledBack() throws Exception {
        String admin = server.adminToken();
        int port = TestServer.freePort();
        Path appFolder = dir.resolve("appdata");
        Path log = appFolder.resolve("updated/config/log");
        JsonNode deployed = server.awaitEnd(server.deploy(appId, "{\"WEBUI_PORT\": \"%d\", \"APPFOLDER\": \"%s\"}"
                .formatted(port, appFolder)));
        assertThat(deployed.path("status").asText()).as(deployed.toString()).isEqualTo("succeeded");
        String v1Digest = versions.digest(running());

        JsonNode first = server.post("/updates/check?app=" + appId, admin).assertStatus(200).json();
        assertThat(container(first).path("status").asText()).as(first.toString()).isEqualTo("up-to-date");
        assertThat(container(first).path("currentDigest").asText()).isEqualTo(v1Digest);

        // a new digest for the same tag; not left on the engine, so only a pull could bring it there
        String v2 = versions.push(versions.repository() + ":1", "1", "echo two > /www/version");
        String v2Digest = versions.digest(v2);
        versions.removeLocal(v2);
        long logStart = Files.size(REGISTRY_LOG);

        JsonNode found = server.post("/updates/check", admin).assertStatus(200).json();
        JsonNode check = container(found);
        assertThat(check.path("status").asText()).as(found.toString()).isEqualTo("update-available");
        assertThat(check.path("currentDigest").asText()).isEqualTo(v1Digest);
        assertThat(check.path("remoteDigest").asText()).isEqualTo(v2Digest);
        assertThat(check.path("image").asText()).isEqualTo(versions.repository() + ":1");
        List<String> requests = Await.value("the registry to log the check", Duration.ofSeconds(20),
                () -> registryRequests(logStart), r -> r.stream().anyMatch(l -> l.startsWith("HEAD ")));
        assertThat(requests).as("what the check asked the registry").isNotEmpty()
                .allMatch(r -> r.startsWith("HEAD /v2/test/") && r.contains("/manifests/1 ")
                        || r.startsWith("GET /v2/test/") && r.contains("/tags/list"));
        assertThat(versions.present(versions.repository() + "@" + v2Digest)).as("new image pulled by the check").isFalse();

        JsonNode listed = server.get("/updates", admin).assertStatus(200).json();
        JsonNode app = app(listed);
        assertThat(app.path("updateAvailable").asBoolean()).isTrue();
        assertThat(app.path("policy").asText()).isEqualTo("notify");
        String viewer = server.userToken("viewer");
        JsonNode one = server.get("/applications/" + appId + "/update", viewer).assertStatus(200).json().path("data");
        assertThat(one.path("updateAvailable").asBoolean()).isTrue();
        assertThat(one.path("containers").get(0).path("remoteDigest").asText()).isEqualTo(v2Digest);

        // apply: pulled, recreated pinned to the new digest, gated, answering
        Http.Response started = server.post("/applications/" + appId + "/update", admin).assertStatus(202);
        String updateId = started.json().path("deploymentId").asText();
        assertThat(started.json().path("streamUrl").asText()).isEqualTo("/stream/progress?deploymentId=" + updateId);
        List<Event> events = server.events(updateId, null);
        assertThat(statuses(events)).containsExactly("queued", "pulling", "creating", "starting", "verifying", "succeeded");
        assertThat(events).anyMatch(e -> e.type().equals("pull"));
        assertThat(events).anyMatch(e -> e.type().equals("step") && e.data().path("step").asText().equals("snapshot")
                && e.data().path("message").asText().startsWith("Snapshot of the config folders: 1 file(s)"));
        assertThat(events).anyMatch(e -> e.type().equals("step") && e.data().path("message").asText().equals("Health gate passed"));
        assertThat(answers(port)).as("the app answers after the update").contains("two");
        assertThat(versions.digest(running())).isEqualTo(v2Digest);
        assertThat(docker.client().inspectContainerCmd(webContainer()).exec().getConfig().getImage())
                .isEqualTo(versions.repository() + ":1@" + v2Digest);
        JsonNode after = Await.value("the re-check after the update", Duration.ofSeconds(30),
                () -> server.get("/applications/" + appId + "/update", admin).json().path("data"),
                d -> d.path("runs").path(0).path("status").asText().equals("succeeded"));
        assertThat(after.path("updateAvailable").asBoolean()).as(after.toString()).isFalse();
        assertThat(after.path("runs").get(0).path("previous").path("web").path("digest").asText()).isEqualTo(v1Digest);
        JsonNode deployment = server.get("/deployments/" + updateId, viewer).assertStatus(200).json().path("data");
        assertThat(deployment.path("update").path("updateAvailable").asBoolean()).as(deployment.toString()).isFalse();
        assertThat(deployment.path("update").path("policy").asText()).isEqualTo("notify");
        assertThat(versions.present(running())).isTrue();

        // a broken version: exits at once; the update is rolled back to the previous digest and the app answers again
        String v3 = versions.push(versions.repository() + "@" + v2Digest, "1", "rm /bin/httpd; echo three > /www/version");
        String v3Digest = versions.digest(v3);
        versions.removeLocal(v3);
        Http.Response broken = server.post("/applications/" + appId + "/update", admin).assertStatus(202);
        String brokenId = broken.json().path("deploymentId").asText();
        JsonNode end = server.awaitEnd(brokenId);
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("rolled-back");
        assertThat(end.path("reason").asText()).contains("web");
        assertThat(end.path("events").findValuesAsText("message")).contains("Restored the config folders from the snapshot");
        assertThat(Files.readString(log)).as("the config folder as before the broken version")
                .contains("started-one", "started-two").doesNotContain("started-three");
        try (var left = Files.list(server.dataDir().resolve("snapshots"))) {
            assertThat(left).as("snapshots are removed after use").isEmpty();
        }
        assertThat(answers(port)).as("the app answers after the rollback").contains("two");
        assertThat(versions.digest(running())).isEqualTo(v2Digest);
        assertThat(versions.present(versions.repository() + "@" + v2Digest)).as("the previous image is kept").isTrue();
        JsonNode rolledBack = Await.value("the update record", Duration.ofSeconds(30),
                () -> server.get("/applications/" + appId + "/update", admin).json().path("data"),
                d -> d.path("runs").path(0).path("status").asText().equals("rolled-back"));
        assertThat(rolledBack.path("runs").get(0).path("target").path("web").asText()).endsWith(v3Digest);
        assertThat(rolledBack.path("updateAvailable").asBoolean()).as("v3 is still the tag's digest").isTrue();

        // each notification is logged as queued when published, and a "deployment failed" would come before the
        // rollback's: once the rollback's has arrived, the log holds every one these two updates caused
        hooks.awaitRequest(2, Duration.ofSeconds(60));
        List<String> kinds = hooks.requests().stream().map(r -> kind(r.body())).toList();
        assertThat(kinds).containsExactly("update.applied", "update.rolled-back");
        JsonNode rollback = new com.fasterxml.jackson.databind.ObjectMapper().readTree(hooks.requests().get(1).body());
        assertThat(rollback.path("app").asText()).isEqualTo(appId);
        assertThat(rollback.path("environment").asText()).isEqualTo("local");
        assertThat(rollback.path("message").asText()).contains(brokenId);
        JsonNode deliveries = server.get("/notifications/deliveries?channel=" + hookChannel, admin).assertStatus(200)
                .json().path("data");
        assertThat(deliveries.findValuesAsText("kind")).as(deliveries.toString()).containsExactly("update.rolled-back", "update.applied");

        assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(60).toMillis(), 2)).as("two mails arrived").isTrue();
        List<String> subjects = subjects(smtp.getReceivedMessages());
        assertThat(subjects).containsExactly("[HomelabARR] Updated " + appId,
                "[HomelabARR] Update of " + appId + " rolled back");
    }

    private static List<String> subjects(MimeMessage[] messages) {
        return java.util.Arrays.stream(messages).map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String kind(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("kind").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode app(JsonNode list) {
        for (JsonNode a : list.path("data")) {
            if (a.path("appId").asText().equals(appId)) {
                return a;
            }
        }
        throw new AssertionError("no " + appId + " in " + list);
    }

    private static JsonNode container(JsonNode list) {
        return app(list).path("containers").get(0);
    }

    private static String webContainer() {
        return docker.client().listContainersCmd().withLabelFilter(java.util.Map.of("homelabarr.app", appId)).exec()
                .stream().filter(c -> "running".equals(c.getState())).findFirst().orElseThrow().getId();
    }

    /** The image id the app's running container runs. */
    private static String running() {
        return docker.client().inspectContainerCmd(webContainer()).exec().getImageId();
    }

    private static List<String> statuses(List<Event> events) {
        return events.stream().filter(e -> e.type().equals("status")).map(e -> e.data().get("status").asText()).toList();
    }

    /** "METHOD path status" of the registry's access-log lines for this test's repository since {@code offset}. */
    private static List<String> registryRequests(long offset) {
        try (InputStream in = Files.newInputStream(REGISTRY_LOG)) {
            in.skipNBytes(offset);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String name = versions.repository().substring(versions.repository().indexOf('/') + 1);
            return text.lines().map(REQUEST::matcher).filter(Matcher::find)
                    .filter(m -> m.group(2).startsWith("/v2/" + name + "/"))
                    .map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's answer on its port, waiting for it to come up. */
    private static String answers(int port) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return Await.value("the app to answer on port " + port, Duration.ofSeconds(30), () -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }, body -> !body.isEmpty());
    }
}
