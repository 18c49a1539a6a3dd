package homelabarr.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import homelabarr.testing.FakeEngine;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail channels against a real SMTP server (GreenMail, on loopback): a message with authentication arrives; the
 * default security, STARTTLS required, refuses to send to a server that does not offer it instead of falling back
 * to plain text. (GreenMail has no STARTTLS, so the upgrade itself is not exercised here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailChannelTest {
    private static final String PASSWORD = "smtp-pass-" + UUID.randomUUID();
    private TestServer server;
    private GreenMail smtp;

    @BeforeAll
    void start(@TempDir Path dir) {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", PASSWORD));
        smtp.start();
        server = TestServer.builder(dir).engine(new FakeEngine()).start();
    }

    @AfterAll
    void stop() {
        server.close();
        smtp.stop();
    }

    private String channel(String security, String password) {
        Http.Response r = server.post("/notifications/channels", server.token(), """
                {"name": "mail-%s", "type": "email", "events": ["deployment.failed"],
                 "settings": {"host": "127.0.0.1", "port": "%d", "security": "%s", "username": "alerts",
                              "password": "%s", "from": "alerts@example.com", "to": "me@example.com, you@example.com"}}"""
                .formatted(UUID.randomUUID(), smtp.getSmtp().getPort(), security, password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        r.assertNoLeak(password);
        return r.json().path("data").path("id").asText();
    }

    @Test
    void aTestMailArrivesOverAuthenticatedSmtp() throws Exception {
        String id = channel("none", PASSWORD);
        int before = smtp.getReceivedMessages().length;
        JsonNode result = server.post("/notifications/channels/" + id + "/test", server.token()).assertStatus(200)
                .json().path("data");
        assertThat(result.path("delivered").asBoolean()).as(result.toString()).isTrue();
        assertThat(smtp.waitForIncomingEmail(30_000, before + 2)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[before];
        assertThat(mail.getSubject()).isEqualTo("[HomelabARR] Test notification");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@example.com");
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString))
                .containsExactlyInAnyOrder("me@example.com", "you@example.com");
        assertThat(mail.getHeader("X-HomelabARR-Event")[0]).isEqualTo("test");
        assertThat(mail.getContent().toString()).contains("This is a test from HomelabARR");
    }

    @Test
    void aWrongPasswordIsAFailureThatSaysSo() {
        String id = channel("none", "not-the-password");
        JsonNode result = server.post("/notifications/channels/" + id + "/test", server.token()).assertStatus(200)
                .assertNoLeak("not-the-password").json().path("data");
        assertThat(result.path("delivered").asBoolean()).isFalse();
        assertThat(result.path("error").asText()).startsWith("SMTP 127.0.0.1:" + smtp.getSmtp().getPort());
    }

    @Test
    void starttlsIsRequiredByDefault() {
        int before = smtp.getReceivedMessages().length;
        Http.Response r = server.post("/notifications/channels", server.token(), """
                {"name": "tls-%s", "type": "email", "events": ["deployment.failed"],
                 "settings": {"host": "127.0.0.1", "port": "%d", "from": "alerts@example.com", "to": "me@example.com"}}"""
                .formatted(UUID.randomUUID(), smtp.getSmtp().getPort()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode result = server.post("/notifications/channels/" + r.json().path("data").path("id").asText() + "/test",
                server.token()).assertStatus(200).json().path("data");
        assertThat(result.path("delivered").asBoolean()).isFalse();
        assertThat(result.path("error").asText()).containsIgnoringCase("STARTTLS");
        assertThat(smtp.getReceivedMessages()).hasSize(before);
    }
}
