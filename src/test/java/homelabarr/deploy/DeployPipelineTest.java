package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.App;
import homelabarr.Config;
import homelabarr.docker.CreateSpec;
import homelabarr.testing.FakeEngine;
import homelabarr.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole deploy pipeline (request, settings, plan, preflight, pull, create, start, verify, rollback, events)
 * through the real server against a hand-written engine: no Docker. What the engine was asked, and in which order,
 * is the pipeline's contract with it.
 */
class DeployPipelineTest {
    private static final String PASSWORD = "pipeline-test-passphrase-31";
    private static final String TEMPLATE = """
            x-homelabarr:
              name: Shop
              description: A web app and its database
              category: myapps
              icon: shop
              website: https://example.com
              webUi:
                service: web
                port: 8080
              settings:
                - key: WEBUI_PORT
                  label: Web port
                  type: port
                  default: "18231"
                - key: DB_PASSWORD
                  label: Database password
                  type: secret
                  generate: true
            services:
              web:
                image: example/shop:2
                depends_on: [db]
                environment:
                  DB_PASSWORD: "${DB_PASSWORD}"
                ports:
                  - "${WEBUI_PORT}:8080"
              db:
                image: example/db:16
                environment:
                  PASSWORD: "${DB_PASSWORD}"
                volumes:
                  - data:/var/lib/db
            volumes:
              data: {}
            """;

    @TempDir
    Path dir;
    private App app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private Http start(FakeEngine engine) throws Exception {
        Files.createDirectories(dir.resolve("data/apps/myapps"));
        Files.writeString(dir.resolve("data/apps/myapps/shop.yml"), TEMPLATE);
        app = new App(Config.load(Map.of("PORT", "0", "DATA_DIR", dir.resolve("data").toString(),
                "HOMELABARR_ADMIN_PASSWORD", PASSWORD, "DEPLOY_VERIFY_TIMEOUT", "10s")), Clock.systemUTC(), engine);
        return new Http(app.port());
    }

    private static String login(Http http) {
        return http.post("/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}")
                .assertStatus(200).json().get("token").asText();
    }

    private static JsonNode awaitEnd(Http http, String token, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode d = http.get("/deployments/" + id, token).json().get("data");
            if (List.of("succeeded", "failed", "rolled-back", "cancelled").contains(d.get("status").asText())) {
                return d;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deployment " + id + " did not end");
    }

    @Test
    void pullsCreatesInDependencyOrderStartsAndReportsEveryStage() throws Exception {
        FakeEngine engine = new FakeEngine();
        Http http = start(engine);
        String token = login(http);
        String id = http.post("/deploy", token, "{\"appId\": \"myapps-shop\"}").assertStatus(202).json()
                .get("deploymentId").asText();
        JsonNode end = awaitEnd(http, token, id);

        assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("succeeded");
        assertThat(engine.calls()).containsSubsequence("pull example/db:16", "pull example/shop:2",
                "network myapps-shop_default", "volume myapps-shop_data", "create shop-db", "create shop",
                "start shop-db", "start shop");
        CreateSpec web = engine.created().stream().filter(c -> c.spec().name().equals("shop")).findFirst().orElseThrow().spec();
        assertThat(web.labels()).containsEntry("com.docker.compose.project", "myapps-shop")
                .containsEntry("com.docker.compose.service", "web").containsEntry("homelabarr.deployment", id);
        assertThat(web.ports()).anyMatch(p -> p.containerPort() == 8080 && Integer.valueOf(18231).equals(p.hostPort()));
        String secret = web.environment().stream().filter(e -> e.startsWith("DB_PASSWORD=")).findFirst().orElseThrow();
        assertThat(secret.length()).isGreaterThan("DB_PASSWORD=".length() + 16);

        List<String> types = types(end);
        assertThat(types).contains("pull", "step").endsWith("complete");
        assertThat(end.get("settings").get("DB_PASSWORD").asText()).isEqualTo("********");
        assertThat(end.toString()).doesNotContain(secret.substring("DB_PASSWORD=".length()));
    }

    @Test
    void aContainerThatCannotStartRollsBackWhatTheDeploymentMade() throws Exception {
        FakeEngine engine = new FakeEngine().withImage("example/shop:2").withImage("example/db:16").failingStartOf("shop");
        Http http = start(engine);
        String token = login(http);
        String id = http.post("/deploy", token, "{\"appId\": \"myapps-shop\"}").assertStatus(202).json()
                .get("deploymentId").asText();
        JsonNode end = awaitEnd(http, token, id);

        assertThat(end.get("status").asText()).isEqualTo("rolled-back");
        assertThat(end.get("reason").asText()).contains("Cannot start web", "port it publishes is already in use");
        assertThat(engine.calls()).noneMatch(c -> c.startsWith("pull"))
                .containsSubsequence("start shop-db", "remove shop-db", "remove shop", "remove network myapps-shop_default");
        assertThat(engine.created()).isEmpty();
        assertThat(engine.networkList()).isEmpty();
        assertThat(engine.volumeExists("myapps-shop_data")).as("data is kept").isTrue();
        assertThat(types(end)).endsWith("error");
    }

    private static List<String> types(JsonNode deployment) {
        return java.util.stream.StreamSupport.stream(deployment.get("events").spliterator(), false)
                .map(e -> e.get("type").asText()).toList();
    }
}
