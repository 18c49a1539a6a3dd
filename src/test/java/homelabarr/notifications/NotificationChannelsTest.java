package homelabarr.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.testing.FakeEngine;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channels through the API: create, list, change, delete, "send test" to real HTTP receivers that check each
 * service's documented request shape, secrets never returned and encrypted at rest, and every bad input a 4xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationChannelsTest {
    private static final String SECRET = "webhook-shared-secret-" + UUID.randomUUID();
    private final ObjectMapper mapper = new ObjectMapper();
    private TestServer server;
    private Receiver receiver;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.builder(dir).engine(new FakeEngine()).start();
        receiver = new Receiver(200);
    }

    @AfterAll
    void stop() {
        receiver.close();
        server.close();
    }

    private JsonNode create(String json) {
        Http.Response r = server.post("/notifications/channels", server.token(), json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("data");
    }

    private JsonNode sendTest(String id) {
        Http.Response r = server.post("/notifications/channels/" + id + "/test", server.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    @Test
    void aWebhookIsSignedAndItsSecretNeverShown() throws Exception {
        String name = "hook-" + UUID.randomUUID();
        JsonNode channel = create("""
                {"name": "%s", "type": "webhook", "events": ["deployment.failed", "container.restarting"],
                 "settings": {"url": "%s", "secret": "%s"}}""".formatted(name, receiver.url("/hook"), SECRET));
        String id = channel.path("id").asText();
        assertThat(channel.path("settings").path("url").asText()).isEqualTo(receiver.url("/hook"));
        assertThat(channel.path("secretsSet").toString()).isEqualTo("[\"secret\"]");
        assertThat(channel.toString()).doesNotContain(SECRET);
        server.get("/notifications/channels").assertStatus(200).assertNoLeak(SECRET);
        server.get("/notifications/channels/" + id).assertStatus(200).assertNoLeak(SECRET);

        int before = receiver.requests().size();
        JsonNode result = sendTest(id);
        assertThat(result.path("delivered").asBoolean()).as(result.toString()).isTrue();
        Receiver.Request req = receiver.awaitRequest(before + 1, Duration.ofSeconds(30));
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/hook");
        assertThat(req.header("Content-Type")).startsWith("application/json");
        JsonNode body = mapper.readTree(req.body());
        assertThat(body.path("kind").asText()).isEqualTo("test");
        assertThat(body.path("title").asText()).isEqualTo("Test notification");
        assertThat(body.path("message").asText()).contains(name);
        assertThat(body.has("app") && body.has("environment") && body.has("time") && body.has("delivery")).isTrue();
        String timestamp = req.header("X-HomelabARR-Timestamp");
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
        assertThat(req.header("X-HomelabARR-Signature"))
                .isEqualTo("sha256=" + Hmac.sha256Hex(SECRET, timestamp + "." + req.body()));

        // a change without the secret keeps it: the next signature still verifies with it
        server.send("PATCH", "/notifications/channels/" + id, server.token(), """
                {"name": "%s-renamed", "events": ["deployment.failed"], "settings": {"url": "%s"}}"""
                .formatted(name, receiver.url("/hook2"))).assertStatus(200).assertNoLeak(SECRET);
        assertThat(sendTest(id).path("delivered").asBoolean()).isTrue();
        Receiver.Request again = receiver.awaitRequest(before + 2, Duration.ofSeconds(30));
        assertThat(again.path()).isEqualTo("/hook2");
        assertThat(again.header("X-HomelabARR-Signature")).isEqualTo("sha256="
                + Hmac.sha256Hex(SECRET, again.header("X-HomelabARR-Timestamp") + "." + again.body()));

        // at rest: encrypted in the database, the key beside it owner-only
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("homelabarr.db"));
             ResultSet row = c.createStatement().executeQuery("SELECT secrets FROM notification_channels")) {
            while (row.next()) {
                assertThat(row.getString(1)).doesNotContain(SECRET).contains("v1:");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir().resolve("secret-key"))))
                .isEqualTo("rw-------");

        JsonNode log = server.get("/notifications/deliveries?channel=" + id).assertStatus(200).json();
        assertThat(log.path("data").size()).isEqualTo(2);
        assertThat(log.path("data").path(0).path("status").asText()).isEqualTo("delivered");

        server.delete("/notifications/channels/" + id, server.token()).assertStatus(200);
        server.get("/notifications/channels/" + id).assertError(404);
    }

    @Test
    void ntfyGotifyAndDiscordGetTheirDocumentedRequests() throws Exception {
        JsonNode ntfy = create("""
                {"name": "ntfy-%s", "type": "ntfy", "events": ["deployment.failed"],
                 "settings": {"url": "%s", "topic": "homelab_alerts", "priority": "high", "token": "tk_ntfy_secret"}}"""
                .formatted(UUID.randomUUID(), receiver.url("/ntfy")));
        int n = receiver.requests().size();
        assertThat(sendTest(ntfy.path("id").asText()).path("delivered").asBoolean()).isTrue();
        Receiver.Request req = receiver.awaitRequest(n + 1, Duration.ofSeconds(30));
        assertThat(req.path()).isEqualTo("/ntfy/");
        assertThat(req.header("Authorization")).isEqualTo("Bearer tk_ntfy_secret");
        JsonNode body = mapper.readTree(req.body());
        assertThat(body.path("topic").asText()).isEqualTo("homelab_alerts");
        assertThat(body.path("title").asText()).isEqualTo("Test notification");
        assertThat(body.path("message").asText()).contains("This is a test");
        assertThat(body.path("priority").asInt()).isEqualTo(4);

        JsonNode gotify = create("""
                {"name": "gotify-%s", "type": "gotify", "events": ["deployment.failed"],
                 "settings": {"url": "%s", "token": "AppTokenGotify", "priority": "8"}}"""
                .formatted(UUID.randomUUID(), receiver.url("/gotify/")));
        assertThat(sendTest(gotify.path("id").asText()).path("delivered").asBoolean()).isTrue();
        req = receiver.awaitRequest(n + 2, Duration.ofSeconds(30));
        assertThat(req.path()).isEqualTo("/gotify/message");
        assertThat(req.header("X-Gotify-Key")).isEqualTo("AppTokenGotify");
        assertThat(req.query()).isNull();
        body = mapper.readTree(req.body());
        assertThat(body.path("title").asText()).isEqualTo("Test notification");
        assertThat(body.path("priority").asInt()).isEqualTo(8);
        assertThat(body.path("message").asText()).contains("This is a test");

        String discordUrl = receiver.url("/api/webhooks/123/discord-token-secret");
        JsonNode discord = create("""
                {"name": "discord-%s", "type": "discord", "events": ["container.restarting"],
                 "settings": {"webhookUrl": "%s"}}""".formatted(UUID.randomUUID(), discordUrl));
        assertThat(discord.toString()).doesNotContain("discord-token-secret");
        assertThat(sendTest(discord.path("id").asText()).path("delivered").asBoolean()).isTrue();
        req = receiver.awaitRequest(n + 3, Duration.ofSeconds(30));
        assertThat(req.path()).isEqualTo("/api/webhooks/123/discord-token-secret");
        body = mapper.readTree(req.body());
        assertThat(body.path("username").asText()).isEqualTo("HomelabARR");
        assertThat(body.path("embeds").path(0).path("title").asText()).isEqualTo("Test notification");
        assertThat(body.path("embeds").path(0).path("description").asText()).contains("This is a test");
        assertThat(Instant.parse(body.path("embeds").path(0).path("timestamp").asText())).isNotNull();
        server.get("/notifications/channels").assertNoLeak("discord-token-secret", "AppTokenGotify", "tk_ntfy_secret");
    }

    @Test
    void aFailedTestSaysWhyOnTheChannelAndInTheLog() {
        try (Receiver down = new Receiver(503)) {
            JsonNode channel = create("""
                    {"name": "down-%s", "type": "gotify", "events": ["deployment.failed"],
                     "settings": {"url": "%s", "token": "tok"}}""".formatted(UUID.randomUUID(), down.url("")));
            String id = channel.path("id").asText();
            JsonNode result = sendTest(id);
            assertThat(result.path("delivered").asBoolean()).isFalse();
            assertThat(result.path("error").asText()).startsWith("HTTP 503 from 127.0.0.1");
            JsonNode shown = server.get("/notifications/channels/" + id).json().path("data");
            assertThat(shown.path("lastError").asText()).startsWith("HTTP 503");
            assertThat(shown.path("lastErrorAt").asText()).isNotEmpty();
            JsonNode log = server.get("/notifications/deliveries?channel=" + id).json().path("data");
            assertThat(log.path(0).path("status").asText()).isEqualTo("failed");
            assertThat(log.path(0).path("lastError").asText()).startsWith("HTTP 503");
            assertThat(server.get("/metrics").assertStatus(200).body())
                    .contains("homelabarr_notification_attempts_total{outcome=\"failed\",type=\"gotify\"}");
        }
    }

    @Test
    void badInputIsRefusedWithA4xx() {
        String hook = receiver.url("/x");
        String ok = "\"url\": \"" + hook + "\", \"secret\": \"0123456789abcdef\"";
        String mail = "\"host\": \"127.0.0.1\", \"from\": \"me@example.com\", \"to\": \"you@example.com\"";
        String failed = "[\"deployment.failed\"]";
        // type, events, settings, the field the answer must name
        String[][] cases = {
                {"pigeon", failed, "", "type"},
                {"webhook", failed, "\"secret\": \"0123456789abcdef\"", "settings.url"},
                {"webhook", failed, "\"url\": \"ftp://x/y\", \"secret\": \"0123456789abcdef\"", "settings.url"},
                {"webhook", failed, "\"url\": \"http://u:p@127.0.0.1/\", \"secret\": \"0123456789abcdef\"", "settings.url"},
                {"webhook", failed, "\"url\": \"" + hook + "\", \"secret\": \"short\"", "settings.secret"},
                {"webhook", "[\"nope\"]", ok, "events"},
                {"webhook", "[]", ok, "events"},
                {"webhook", "[\"test\"]", ok, "events"},
                {"webhook", failed, ok + ", \"colour\": \"red\"", "settings.colour"},
                {"ntfy", failed, "\"url\": \"" + hook + "\", \"topic\": \"a b\"", "settings.topic"},
                {"ntfy", failed, "\"url\": \"" + hook + "\", \"topic\": \"t\", \"priority\": \"9\"", "settings.priority"},
                {"gotify", failed, "\"url\": \"" + hook + "\", \"token\": \"t\", \"priority\": \"x\"", "settings.priority"},
                {"discord", failed, "", "settings.webhookUrl"},
                {"email", failed, mail.replace("me@example.com", "me"), "settings.from"},
                {"email", failed, mail.replace("you@example.com", "you@example.com, nobody"), "settings.to"},
                {"email", failed, mail + ", \"port\": \"70000\"", "settings.port"},
                {"email", failed, mail + ", \"security\": \"ssl3\"", "settings.security"},
                {"email", failed, mail + ", \"password\": \"pw\"", "settings.username"},
        };
        for (String[] c : cases) {
            String body = "{\"name\": \"a\", \"type\": \"%s\", \"events\": %s, \"settings\": {%s}}"
                    .formatted(c[0], c[1], c[2]);
            Http.Response r = server.post("/notifications/channels", server.token(), body);
            r.assertError(400);
            assertThat(r.details()).as(body).contains(c[3]);
        }
        server.post("/notifications/channels", server.token(), "{}").assertError(400);
        server.post("/notifications/channels", server.token(), "{\"name\": \"a\", \"extra\": 1}").assertError(400);
        server.post("/notifications/channels", server.token(), "{not json").assertError(400);
        server.post("/notifications/channels/nope/test", server.token()).assertError(404);
        server.send("PATCH", "/notifications/channels/nope", server.token(), "{}").assertError(404);
        server.delete("/notifications/channels/nope", server.token()).assertError(404);
        server.get("/notifications/deliveries?channel=nope").assertError(404);
        server.get("/notifications/deliveries?limit=0").assertError(400);

        String name = "dup-" + UUID.randomUUID();
        String body = """
                {"name": "%s", "type": "webhook", "events": ["deployment.failed"],
                 "settings": {"url": "%s", "secret": "0123456789abcdef"}}""".formatted(name, hook);
        JsonNode first = create(body);
        server.post("/notifications/channels", server.token(), body).assertError(409);
        server.send("PATCH", "/notifications/channels/" + first.path("id").asText(), server.token(),
                "{\"settings\": {\"url\": \"\"}}").assertError(400);
        server.send("PATCH", "/notifications/channels/" + first.path("id").asText(), server.token(),
                "{\"type\": \"ntfy\"}").assertError(400);
        // each refused change is recorded once, with what the client was told
        assertThat(server.count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND target = ? AND result = 'failure'"
                + " AND details = ?", "notifications.channel.delete", "nope",
                "Channel not found: No notification channel has the id 'nope'")).isEqualTo(1);
        assertThat(server.count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND result = 'failure'"
                + " AND details LIKE ?", "notifications.channel.create", "Channel exists: %")).isEqualTo(1);
    }

    @Test
    void onlyAdministratorsReachTheRoutes() {
        server.get("/notifications/channels", null).assertError(401);
        server.get("/api/notifications/channels", null).assertError(401);
        for (String role : new String[]{"user", "viewer"}) {
            String token = server.userToken(role);
            server.get("/notifications/channels", token).assertError(403);
            server.get("/notifications/deliveries", token).assertError(403);
            server.post("/notifications/channels", token, "{}").assertError(403);
        }
        server.get("/api/notifications/channel-types").assertStatus(200);
    }
}
