package homelabarr.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainersListTest {
    private TestServer server;
    private DockerFixture docker;
    private String app;
    private String webName;
    private String webId;
    private String stoppedName;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        docker = new DockerFixture();
        app = "test-app-" + docker.runId();
        webName = docker.name("web");
        webId = docker.run(webName, cmd -> cmd
                .withEnv("SECRET_ENV=hunter2-env-value")
                .withLabels(Map.of("homelabarr.app", app, "db.password", "hunter2-label-value",
                        "API_TOKEN", "tok-123", "traefik.http.middlewares.x.basicauth.users", "u:hash",
                        "org.example.plain", "visible", "org.example.database", "postgres://u:password@db",
                        "org.example.args", "--verbose --password=hunter3-arg --port 80"))
                .withExposedPorts(ExposedPort.tcp(8080), ExposedPort.tcp(9090))
                .getHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"),
                        ExposedPort.tcp(8080))), "/bin/httpd", "-f", "-p", "8080", "-h", "/www");
        stoppedName = docker.name("stopped");
        docker.create(stoppedName, cmd -> { }, DockerFixture.IDLE);
    }

    @AfterAll
    void stop() {
        if (docker != null) {
            docker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private JsonNode find(JsonNode data, String name) {
        return StreamSupport.stream(data.spliterator(), false).filter(c -> c.get("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + data));
    }

    @Test
    void listsRunningAndStoppedContainersWithTheirFields() {
        Http.Response res = server.get("/containers");
        assertThat(res.status()).isEqualTo(200);
        JsonNode body = res.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("total").asInt()).isEqualTo(body.get("data").size());

        JsonNode web = find(body.get("data"), webName);
        assertThat(web.get("id").asText()).isEqualTo(webId);
        assertThat(web.get("image").asText()).isEqualTo(DockerFixture.IMAGE);
        assertThat(web.get("state").asText()).isEqualTo("running");
        assertThat(web.get("status").asText()).startsWith("Up");
        assertThat(web.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(web.get("app").asText()).isEqualTo(app);
        assertThat(web.has("stats")).isFalse();
        JsonNode published = StreamSupport.stream(web.get("ports").spliterator(), false)
                .filter(p -> p.get("containerPort").asInt() == 8080).findFirst().orElseThrow();
        assertThat(published.get("hostIp").asText()).isEqualTo("127.0.0.1");
        assertThat(published.get("hostPort").asInt()).isBetween(1, 65535);
        assertThat(published.get("protocol").asText()).isEqualTo("tcp");
        JsonNode exposedOnly = StreamSupport.stream(web.get("ports").spliterator(), false)
                .filter(p -> p.get("containerPort").asInt() == 9090).findFirst().orElseThrow();
        assertThat(exposedOnly.get("hostPort").isNull()).isTrue();
        assertThat(exposedOnly.has("hostIp")).isTrue();

        JsonNode stopped = find(body.get("data"), stoppedName);
        assertThat(stopped.get("state").asText()).isEqualTo("created");
        assertThat(stopped.has("app")).isTrue();
        assertThat(stopped.get("app").isNull()).isTrue();
    }

    @Test
    void neverReturnsEnvironmentOrSecretLabels() {
        Http.Response res = server.get("/containers?stats=true");
        assertThat(res.body()).doesNotContain("hunter2", "tok-123", "SECRET_ENV", "u:hash");
        JsonNode labels = find(res.json().get("data"), webName).get("labels");
        assertThat(labels.get("org.example.plain").asText()).isEqualTo("visible");
        assertThat(labels.get("homelabarr.app").asText()).isEqualTo(app);
        assertThat(labels.has("db.password")).isFalse();
        assertThat(labels.has("API_TOKEN")).isFalse();
        assertThat(find(res.json().get("data"), webName).has("env")).isFalse();
    }

    /** Label names can be harmless while their values hold credentials: those are masked, for every role. */
    @Test
    void credentialsInLabelValuesAreMasked() {
        for (String role : new String[]{"viewer", "user", "admin"}) {
            String token = server.userToken(role);
            for (Http.Response res : new Http.Response[]{server.get("/containers", token),
                    server.get("/containers/" + webName, token)}) {
                assertThat(res.status()).as(role).isEqualTo(200);
                assertThat(res.body()).as(role).doesNotContain("password@", "hunter3-arg");
                JsonNode data = res.json().get("data");
                JsonNode labels = (data.isArray() ? find(data, webName) : data).get("labels");
                assertThat(labels.get("org.example.database").asText()).isEqualTo("postgres://u:********@db");
                assertThat(labels.get("org.example.args").asText()).isEqualTo("--verbose --password=******** --port 80");
                assertThat(labels.get("org.example.plain").asText()).isEqualTo("visible");
            }
        }
    }

    @Test
    void filtersByAppAndState() {
        JsonNode byApp = server.get("/containers?app=" + app).json();
        assertThat(byApp.get("total").asInt()).isEqualTo(1);
        assertThat(byApp.get("data").get(0).get("name").asText()).isEqualTo(webName);

        JsonNode created = server.get("/containers?state=created").json().get("data");
        assertThat(created).allSatisfy(c -> assertThat(c.get("state").asText()).isEqualTo("created"));
        assertThat(created.toString()).contains(stoppedName).doesNotContain(webName);

        JsonNode none = server.get("/containers?app=" + app + "&state=exited").json();
        assertThat(none.get("total").asInt()).isZero();
    }

    @Test
    void rejectsBadFiltersWithA400() {
        for (String query : new String[]{"state=sleeping", "app=bad%20app!", "stats=maybe"}) {
            Http.Response res = server.get("/containers?" + query);
            assertThat(res.status()).as(query).isEqualTo(400);
            assertThat(res.json().get("error").asText()).isNotBlank();
            assertThat(res.json().get("details").asText()).isNotBlank();
        }
        assertThat(server.get("/containers?state=sleeping").json().get("details").asText()).contains("state");
    }

    @Test
    void needsAuthenticationAndServesTheApiPrefix() {
        assertThat(server.get("/containers", null).status()).isEqualTo(401);
        assertThat(server.get("/api/containers", null).status()).isEqualTo(401);
        assertThat(server.get("/api/containers?app=" + app).json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void viewersReadButCannotAct() {
        String viewer = server.userToken("viewer");
        assertThat(server.get("/containers", viewer).status()).isEqualTo(200);
        assertThat(server.get("/containers/" + webName + "/logs", viewer).status()).isEqualTo(200);
        for (String action : new String[]{"start", "stop", "restart"}) {
            Http.Response res = server.post("/containers/" + webName + "/" + action, viewer);
            assertThat(res.status()).as(action).isEqualTo(403);
            assertThat(res.json().get("error").asText()).isEqualTo("Forbidden");
        }
        assertThat(server.delete("/containers/" + webName + "?force=true", viewer).status()).isEqualTo(403);
        assertThat(server.get("/containers/" + webName).json().get("data").get("state").asText()).isEqualTo("running");
    }

    @Test
    void readsOneContainerByNameOrShortId() {
        JsonNode byName = server.get("/containers/" + webName).json().get("data");
        assertThat(byName.get("id").asText()).isEqualTo(webId);
        JsonNode byShortId = server.get("/api/containers/" + webId.substring(0, 12)).json().get("data");
        assertThat(byShortId.get("name").asText()).isEqualTo(webName);
        assertThat(server.get("/containers/" + webId.substring(0, 6)).status()).isEqualTo(404);
    }
}
