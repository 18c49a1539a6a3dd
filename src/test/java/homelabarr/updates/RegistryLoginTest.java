package homelabarr.updates;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.AuthConfig;
import homelabarr.testing.Await;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.LoginRegistry;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored registry logins against a real registry with htpasswd (Basic) auth, started by this test on its own
 * loopback port: without a login the check says credentials are needed; with one it works, also after a restart;
 * the password is encrypted at rest and never answered. A deploy of an image only that registry has fails without the
 * login and pulls it with the login.
 */
@NeedsDocker
class RegistryLoginTest {
    private static final String USER = "bob";
    private static final String PASSWORD = "basic-registry-pass-93";

    @TempDir
    static Path dir;
    static LoginRegistry registry;
    static String host;
    static TestServer server;
    static DockerFixture docker;
    static Versions versions;
    static String appId;
    static String pulledApp;
    static String pulledImage;

    @BeforeAll
    static void start() throws Exception {
        host = "127.0.0.1:" + TestServer.freePort();
        registry = LoginRegistry.start(dir.resolve("registry"), host, USER, PASSWORD, List.of());
        HttpClient http = HttpClient.newHttpClient();
        Await.until("the htpasswd registry on " + host, Duration.ofSeconds(30), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
            } catch (Exception e) {
                return false;
            }
        });
        docker = new DockerFixture();
        versions = new Versions(docker.client(), host,
                new AuthConfig().withUsername(USER).withPassword(PASSWORD).withRegistryAddress(host));
        versions.first("1");
        // on the registry only: deploying it needs a pull, and the pull needs the login
        pulledImage = versions.push(versions.repository() + ":1", "2", "echo two > /www/version");
        versions.removeLocal(pulledImage);
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys().env("UPDATE_CHECK_INTERVAL", "off");
        appId = builder.template("private", homelabarr.testing.TestTemplates.idle("Private", versions.repository() + ":1"));
        pulledApp = builder.template("pulled", homelabarr.testing.TestTemplates.idle("Pulled", versions.repository() + ":2"));
        server = builder.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        docker.removeApp(appId);
        docker.removeApp(pulledApp);
        versions.removeAll();
        docker.close();
        registry.close();
    }

    @Test
    void aDeployPullsWithTheStoredLogin() {
        String admin = server.adminToken();
        server.delete("/updates/registries/" + host, admin);
        JsonNode refused = server.awaitEnd(server.deploy(pulledApp, "{}"));
        assertThat(refused.path("status").asText()).as(refused.toString()).isEqualTo("failed");
        assertThat(refused.path("reason").asText()).contains("Cannot pull image " + versions.repository() + ":2")
                .contains("no basic auth credentials");
        assertThat(versions.present(versions.repository() + ":2")).isFalse();

        server.send("PUT", "/updates/registries/" + host, admin,
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(USER, PASSWORD)).assertStatus(200);
        try {
            JsonNode pulled = server.awaitEnd(server.deploy(pulledApp, "{}"));
            assertThat(pulled.path("status").asText()).as(pulled.toString()).isEqualTo("succeeded");
            assertThat(versions.present(versions.repository() + ":2")).as("pulled with the login").isTrue();
        } finally {
            server.delete("/updates/registries/" + host, admin).assertStatus(200);
        }
    }

    private static JsonNode check() {
        return server.post("/updates/check?app=" + appId, server.adminToken()).assertStatus(200).json()
                .path("data").get(0).path("containers").get(0);
    }

    @Test
    void aStoredLoginIsUsedEncryptedAndNeverAnswered() throws Exception {
        String admin = server.adminToken();
        JsonNode deployed = server.awaitEnd(server.deploy(appId, "{}"));
        assertThat(deployed.path("status").asText()).as(deployed.toString()).isEqualTo("succeeded");

        JsonNode without = check();
        assertThat(without.path("status").asText()).isEqualTo("error");
        assertThat(without.path("error").asText()).contains(host).contains("needs credentials");

        server.send("PUT", "/updates/registries/" + host, server.userToken("user"),
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(USER, PASSWORD)).assertError(403);
        server.send("PUT", "/updates/registries/" + host, admin,
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(USER, PASSWORD)).assertStatus(200).assertNoLeak(PASSWORD);
        server.get("/updates/registries", admin).assertStatus(200).assertNoLeak(PASSWORD);
        assertThat(server.get("/updates/registries", admin).json().path("data").get(0).path("username").asText()).isEqualTo(USER);
        List<Map<String, Object>> rows = server.query("SELECT secret FROM registry_credentials WHERE registry = ?", host);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("secret").toString()).doesNotContain(PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir().resolve("secret-key"))))
                .isEqualTo("rw-------");

        JsonNode with = check();
        assertThat(with.path("status").asText()).as(with.toString()).isEqualTo("up-to-date");
        assertThat(with.path("remoteDigest").asText()).startsWith("sha256:");

        server.restart();
        assertThat(check().path("status").asText()).as("the key survives a restart").isEqualTo("up-to-date");

        server.send("PUT", "/updates/registries/" + host, server.adminToken(),
                "{\"username\":\"%s\",\"password\":\"wrong\"}".formatted(USER)).assertStatus(200);
        JsonNode wrong = check();
        assertThat(wrong.path("status").asText()).isEqualTo("error");
        assertThat(wrong.path("error").asText()).contains("check the stored credentials");

        server.delete("/updates/registries/" + host, server.adminToken()).assertStatus(200);
        server.delete("/updates/registries/" + host, server.adminToken()).assertError(404);
        assertThat(server.count("SELECT COUNT(*) FROM registry_credentials")).isZero();
    }
}
