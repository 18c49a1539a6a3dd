package homelabarr.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.RestartPolicy;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import homelabarr.testing.Await;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events that exist today, end to end on the real engine: a failed deployment reaches a webhook (after one
 * HTTP 500, retried with backoff) and an SMTP server; a managed container in a crash loop reaches the webhook once.
 */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationEventsTest {
    private static final String SECRET = "events-secret-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final ObjectMapper mapper = new ObjectMapper();
    private TestServer server;
    private Receiver hooks;
    private Receiver restarts;
    private GreenMail smtp;
    private String missingApp;
    private String hookChannel;

    @BeforeAll
    void start(@TempDir Path dir) {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        hooks = new Receiver(200);
        restarts = new Receiver(204);
        TestServer.Builder builder = TestServer.builder(dir).forDeploys();
        missingApp = builder.template("missing", TestTemplates.missingImage());
        server = builder.start();
        hookChannel = create("""
                {"name": "hook", "type": "webhook", "events": ["deployment.failed"],
                 "settings": {"url": "%s", "secret": "%s"}}""".formatted(hooks.url("/events"), SECRET));
        create("""
                {"name": "restarts", "type": "webhook", "events": ["container.restarting"],
                 "settings": {"url": "%s", "secret": "%s"}}""".formatted(restarts.url("/restarts"), SECRET));
        create("""
                {"name": "mail", "type": "email", "events": ["deployment.failed"],
                 "settings": {"host": "127.0.0.1", "port": "%d", "security": "none", "from": "homelab@example.com",
                              "to": "admin@example.com"}}""".formatted(smtp.getSmtp().getPort()));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        hooks.close();
        restarts.close();
        smtp.stop();
    }

    private String create(String json) {
        return server.post("/notifications/channels", server.token(), json).assertStatus(201).json()
                .path("data").path("id").asText();
    }

    private java.util.List<Receiver.Request> mine(String app) {
        return restarts.requests().stream().filter(r -> r.body().contains("\"app\":\"" + app + "\"")).toList();
    }

    @Test
    void aFailedDeploymentIsRetriedToTheWebhookAndMailed() throws Exception {
        hooks.answer(500);
        String deployment = server.deploy(missingApp, "{}");
        assertThat(server.awaitEnd(deployment).path("status").asText()).isEqualTo("failed");

        Receiver.Request first = hooks.awaitRequest(1, WAIT);
        Receiver.Request second = hooks.awaitRequest(2, WAIT);
        JsonNode body = mapper.readTree(second.body());
        assertThat(body.path("kind").asText()).isEqualTo("deployment.failed");
        assertThat(body.path("app").asText()).isEqualTo(missingApp);
        assertThat(body.path("environment").asText()).isEqualTo("local");
        assertThat(body.path("message").asText()).contains(deployment);
        assertThat(mapper.readTree(first.body()).path("delivery").asLong()).isEqualTo(body.path("delivery").asLong());
        assertThat(second.header("X-HomelabARR-Signature")).isEqualTo("sha256="
                + Hmac.sha256Hex(SECRET, second.header("X-HomelabARR-Timestamp") + "." + second.body()));

        JsonNode delivery = Await.value("the delivery to be logged as delivered", WAIT,
                () -> server.get("/notifications/deliveries?channel=" + hookChannel).json().path("data").path(0),
                d -> d.path("status").asText().equals("delivered"));
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.path("lastError").asText()).startsWith("HTTP 500");
        JsonNode channel = server.get("/notifications/channels/" + hookChannel).json().path("data");
        assertThat(channel.path("lastError").asText()).startsWith("HTTP 500");
        assertThat(channel.path("lastSuccessAt").asText()).isNotEmpty();

        assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).startsWith("[HomelabARR] Deployment of").endsWith("failed");
        assertThat(mail.getContent().toString()).contains(deployment).contains("App: " + missingApp);
    }

    @Test
    void aContainerInACrashLoopIsReportedOnce() throws Exception {
        String app = "crashloop-" + UUID.randomUUID().toString().substring(0, 8);
        DockerFixture docker = server.docker();
        String name = docker.name("crashloop");
        docker.run(name, cmd -> {
            cmd.withLabels(Map.of("homelabarr.app", app));
            cmd.getHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart());
        }, "/bin/sh", "-c", "exit 1");
        try {
            // other tests on the same engine may crash-loop their own apps: only this app's reports count
            Await.until("a restart report for " + app, WAIT, () -> !mine(app).isEmpty());
            JsonNode body = mapper.readTree(mine(app).getFirst().body());
            assertThat(body.path("kind").asText()).isEqualTo("container.restarting");
            assertThat(body.path("title").asText()).isEqualTo("Container " + name + " keeps restarting");
            // the loop goes on, but it is told once per window
            Await.pause(Duration.ofSeconds(5));
            assertThat(mine(app)).hasSize(1);
        } finally {
            docker.client().removeContainerCmd(name).withForce(true).exec();
        }
    }
}
