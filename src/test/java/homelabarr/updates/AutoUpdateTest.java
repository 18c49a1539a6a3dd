package homelabarr.updates;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Await;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-app policies in the scheduled round, against the real engine and registry: auto applies a new digest, does
 * not retry one that was rolled back, waits outside its window; pinned never updates.
 */
@NeedsDocker
class AutoUpdateTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static DockerFixture docker;
    static Versions versions;
    static String appId;

    @BeforeAll
    static void start() throws Exception {
        docker = new DockerFixture();
        versions = new Versions(docker.client(), "127.0.0.1:5000", null);
        versions.first("1");
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys()
                .env("UPDATE_HEALTH_WAIT", "2s").env("UPDATE_CHECK_INTERVAL", "off");
        appId = builder.template("auto", UpdateFlowTest.template(versions.repository() + ":1"));
        server = builder.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        docker.removeApp(appId);
        versions.removeAll();
        docker.close();
    }

    private static JsonNode deployments() {
        return server.get("/deployments?app=" + appId, server.adminToken()).json().path("data");
    }

    /** Runs the scheduled round now and waits for the app to have {@code count} ended deployments. */
    private static JsonNode roundUntil(int count) {
        server.app().updates().scheduledRound();
        return Await.value(count + " deployments of " + appId, TestServer.DEPLOY_WAIT, AutoUpdateTest::deployments,
                d -> d.size() == count && !d.get(0).path("finishedAt").isNull() && !d.get(0).path("finishedAt").isMissingNode());
    }

    private static void policy(String body) {
        server.send("PUT", "/applications/" + appId + "/update-policy", server.adminToken(), body).assertStatus(200);
    }

    private static void pushAndForget(String script) throws InterruptedException {
        String id = versions.push(runningImage(), "1", script);
        versions.removeLocal(id);
    }

    @Test
    void autoUpdatesInsideTheWindowNeverRetryARollbackAndPinnedStays() throws Exception {
        String admin = server.adminToken();
        JsonNode deployed = server.awaitEnd(server.deploy(appId, "{\"WEBUI_PORT\": \"%d\", \"APPFOLDER\": \"%s\"}"
                .formatted(TestServer.freePort(), dir.resolve("appdata"))));
        assertThat(deployed.path("status").asText()).as(deployed.toString()).isEqualTo("succeeded");
        policy("{\"policy\":\"auto\"}");

        pushAndForget("echo two > /www/version");
        JsonNode after = roundUntil(2);
        assertThat(after.get(0).path("status").asText()).as(after.toString()).isEqualTo("succeeded");
        assertThat(server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'app.update' AND actor = 'admin'"
                + " AND result = 'success'")).isEqualTo(1);

        pushAndForget("rm /bin/httpd");
        assertThat(roundUntil(3).get(0).path("status").asText()).isEqualTo("rolled-back");
        server.app().updates().scheduledRound();
        Await.pause(Duration.ofSeconds(2));
        assertThat(deployments().size()).as("a rolled-back digest is not retried").isEqualTo(3);

        pushAndForget("echo four > /www/version");
        policy("{\"policy\":\"pinned\"}");
        server.app().updates().scheduledRound();
        ZonedDateTime later = ZonedDateTime.now(ZoneOffset.UTC).plusHours(2);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        policy("{\"policy\":\"auto\",\"window\":\"%s-%s\"}".formatted(later.format(hhmm), later.plusHours(1).format(hhmm)));
        server.app().updates().scheduledRound();
        Await.pause(Duration.ofSeconds(2));
        assertThat(deployments().size()).as("pinned, then outside the window").isEqualTo(3);
        JsonNode state = server.get("/applications/" + appId + "/update", admin).json().path("data");
        assertThat(state.path("updateAvailable").asBoolean()).isTrue();

        policy("{\"policy\":\"auto\"}");
        assertThat(roundUntil(4).get(0).path("status").asText()).isEqualTo("succeeded");
    }

    /** The image the app's running container runs, as a base for the next version. */
    private static String runningImage() {
        return docker.client().listContainersCmd().withLabelFilter(java.util.Map.of("homelabarr.app", appId)).exec()
                .stream().filter(c -> "running".equals(c.getState())).findFirst().orElseThrow().getImageId();
    }
}
