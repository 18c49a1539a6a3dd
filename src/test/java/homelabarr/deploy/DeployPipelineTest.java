package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.docker.CreateSpec;
import homelabarr.testing.FakeEngine;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole deploy pipeline (request, settings, plan, preflight, pull, create, start, verify, rollback, events)
 * through the real server against a hand-written engine: no Docker. What the engine was asked, and in which order,
 * is the pipeline's contract with it.
 */
class DeployPipelineTest {
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
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Http start(FakeEngine engine) {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).engine(engine).realClock()
                .env("DEPLOY_VERIFY_TIMEOUT", "10s");
        builder.exactTemplate("shop", TEMPLATE);
        server = builder.start();
        return server.http();
    }

    @Test
    void pullsCreatesInDependencyOrderStartsAndReportsEveryStage() {
        FakeEngine engine = new FakeEngine();
        Http http = start(engine);
        String token = server.token();
        String id = http.post("/deploy", token, "{\"appId\": \"myapps-shop\"}").assertStatus(202).json()
                .get("deploymentId").asText();
        JsonNode end = server.awaitEnd(id);

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
    void aContainerThatCannotStartRollsBackWhatTheDeploymentMade() {
        FakeEngine engine = new FakeEngine().withImage("example/shop:2").withImage("example/db:16").failingStartOf("shop");
        Http http = start(engine);
        String token = server.token();
        String id = http.post("/deploy", token, "{\"appId\": \"myapps-shop\"}").assertStatus(202).json()
                .get("deploymentId").asText();
        JsonNode end = server.awaitEnd(id);

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
