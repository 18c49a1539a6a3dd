package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
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

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The happy paths against the real engine and registry: deploy, watch, list, redeploy, proxy mode, undeploy. */
@NeedsDocker
class DeployFlowTest {
    static final String TWO_SERVICES = TestTemplates.header("Flow", "Two services, one pulled from the local registry") + """
              webUi:
                service: web
                port: 8080
              settings:
                - key: WEBUI_PORT
                  label: Web port
                  type: port
                  required: true
                - key: DB_PASSWORD
                  label: Database password
                  type: secret
                  generate: true
            services:
              db:
                image: %s
                command: ["/bin/sh", "-c", "echo db is up; touch /tmp/ready; exec sleep 3600"]
                init: true
                environment:
                  PASSWORD: "${DB_PASSWORD}"
                  DSN: "db://app:${DB_PASSWORD}@db/app"
                healthcheck:
                  test: ["CMD", "sh", "-c", "[ -f /tmp/ready ]"]
                  interval: 1s
                volumes:
                  - data:/data
                labels:
                  homelabarr.test: "true"
              web:
                image: homelabarr-test/busybox:1
                command: ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]
                init: true
                depends_on:
                  db:
                    condition: service_healthy
                ports:
                  - "${WEBUI_PORT}:8080"
                volumes:
                  - ${APPFOLDER}/flow/config:/config
                labels:
                  homelabarr.test: "true"
            """ + TestTemplates.LABELLED_DATA_AND_NETWORK;

    @TempDir
    static Path dir;
    static TestServer server;
    static String pulled;
    static String flowApp;
    static String singleApp;
    static String proxyApp;

    @BeforeAll
    static void start() throws Exception {
        try (DockerFixture docker = new DockerFixture()) {
            pulled = TestImages.pushFresh(docker.client());
        }
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys()
                .env("TRAEFIK_NETWORK", "hlr-test-proxy-" + Long.toHexString(System.nanoTime()));
        flowApp = builder.template("flow", TWO_SERVICES.formatted(pulled));
        singleApp = builder.template("single", TestTemplates.WEB);
        proxyApp = builder.template("proxied", TestTemplates.WEB);
        server = builder.start();
    }

    @AfterAll
    static void stop() {
        String proxy = server.setting("TRAEFIK_NETWORK");
        server.close();
        try (DockerFixture docker = new DockerFixture()) {
            docker.removeNetwork(proxy);
            TestImages.removeLocal(docker.client(), List.of(pulled));
        }
    }

    @Test
    void aMultiServiceAppIsPulledStartedVerifiedStreamedAndUndeployed() throws Exception {
        int port = TestServer.freePort();
        Path appFolder = dir.resolve("appdata");
        String id = server.deploy(flowApp, """
                {"WEBUI_PORT": "%d", "TZ": "Europe/Berlin", "ID": "1000", "APPFOLDER": "%s"}""".formatted(port, appFolder));
        List<Event> events = server.events(id, null);

        assertThat(events.stream().map(Event::id)).containsExactlyElementsOf(
                LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.stream().filter(e -> e.type().equals("status")).map(e -> e.data().get("status").asText()))
                .containsExactly("queued", "pulling", "creating", "starting", "verifying", "succeeded");
        List<Event> pulls = events.stream().filter(e -> e.type().equals("pull")).toList();
        assertThat(pulls).as("pull progress").isNotEmpty();
        assertThat(pulls).anyMatch(e -> e.data().path("total").asLong() > 0 && e.data().has("current"));
        assertThat(pulls).allMatch(e -> e.data().get("image").asText().equals(pulled)
                && e.data().get("percent").asInt() >= 0 && e.data().get("percent").asInt() <= 100);
        assertThat(events).anyMatch(e -> e.type().equals("log") && e.data().get("line").asText().equals("db is up"));
        assertThat(events.getLast().type()).isEqualTo("complete");
        assertThat(events.getLast().data().get("webPort").asInt()).isEqualTo(port);

        HttpResponse<String> page = server.http().client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("homelabarr test page");

        List<Container> containers = server.docker().containers("homelabarr.deployment=" + id);
        assertThat(containers).hasSize(2);
        for (Container c : containers) {
            assertThat(c.getLabels()).containsEntry("com.docker.compose.project", flowApp)
                    .containsEntry("homelabarr.app", flowApp).containsKey("com.docker.compose.service");
        }
        String slug = flowApp.substring("myapps-".length());
        assertThat(containers.stream().map(c -> c.getNames()[0])).containsExactlyInAnyOrder("/" + slug, "/" + slug + "-db");
        assertThat(server.docker().networks("homelabarr.deployment=" + id)).singleElement()
                .satisfies(n -> assertThat(n.getName()).isEqualTo(flowApp + "_default"));
        assertThat(server.docker().volumes("homelabarr.app=" + flowApp)).singleElement()
                .satisfies(v -> assertThat(v.getName()).isEqualTo(flowApp + "_data"));
        Path config = appFolder.resolve("flow/config");
        assertThat(config).isDirectory();
        assertThat(Files.getAttribute(config, "unix:uid")).isEqualTo(1000);

        InspectContainerResponse db = server.docker().client().inspectContainerCmd(slug + "-db").exec();
        String secret = Arrays.stream(db.getConfig().getEnv()).filter(e -> e.startsWith("PASSWORD=")).findFirst()
                .orElseThrow().substring("PASSWORD=".length());
        assertThat(secret).matches("[A-Za-z0-9]{32}");
        assertThat(db.getConfig().getEnv()).contains("DSN=db://app:" + secret + "@db/app");
        assertThat(events.toString()).doesNotContain(secret);

        JsonNode record = server.get("/deployments/" + id).json().get("data");
        assertThat(record.get("status").asText()).isEqualTo("succeeded");
        assertThat(record.get("settings").get("DB_PASSWORD").asText()).isEqualTo("********");
        assertThat(record.get("settings").get("PUID").asText()).isEqualTo("1000");
        assertThat(record.get("events")).hasSize(events.size());
        assertThat(record.get("durationMs").asLong()).isPositive();
        JsonNode list = server.get("/deployments?app=" + flowApp).json().get("data");
        assertThat(list.get(0).get("id").asText()).isEqualTo(id);
        assertThat(server.get("/deployments?status=succeeded&app=" + flowApp).json().get("total").asInt()).isEqualTo(1);

        List<Event> late = server.events(id, null);
        assertThat(late.stream().map(Event::id).toList()).isEqualTo(events.stream().map(Event::id).toList());
        List<Event> resumed = server.events(id, "3");
        assertThat(resumed.getFirst().id()).isEqualTo(4);
        assertThat(resumed).hasSize(events.size() - 3);

        Http.Response undeploy = server.delete("/applications/" + flowApp, server.token());
        assertThat(undeploy.status()).as(undeploy.body()).isEqualTo(200);
        assertThat(server.docker().containers("homelabarr.app=" + flowApp)).isEmpty();
        assertThat(server.docker().networks("homelabarr.app=" + flowApp)).isEmpty();
        assertThat(server.docker().volumes("homelabarr.app=" + flowApp)).as("volumes are kept").hasSize(1);
        assertThat(config).isDirectory();
        assertThat(server.delete("/applications/" + flowApp, server.token()).status()).isEqualTo(404);
    }

    @Test
    void aRedeployReplacesTheContainersAndKeepsSettingsAndSecrets() {
        int port = TestServer.freePort();
        String first = server.deploy(singleApp, "{\"WEBUI_PORT\": \"%d\"}".formatted(port));
        assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
        String oldId = server.docker().client().inspectContainerCmd(singleApp.substring(7)).exec().getId();
        String oldKey = apiKey(singleApp.substring(7));

        Http.Response again = server.post("/deploy", server.token(), "{\"appId\":\"" + singleApp
                + "\",\"config\":{\"WEBUI_PORT\":\"" + TestServer.freePort() + "\"}}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("details").asText()).contains("already deployed");

        Http.Response redeploy = server.post("/deploy", server.token(), "{\"appId\":\"" + singleApp + "\",\"redeploy\":true}");
        assertThat(redeploy.status()).as(redeploy.body()).isEqualTo(202);
        JsonNode end = server.awaitEnd(redeploy.json().get("deploymentId").asText());
        assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("succeeded");
        assertThat(end.get("settings").get("WEBUI_PORT").asText()).isEqualTo(Integer.toString(port));

        List<Container> now = server.docker().containers("homelabarr.app=" + singleApp);
        assertThat(now).singleElement().satisfies(c -> assertThat(c.getId()).isNotEqualTo(oldId));
        assertThat(apiKey(singleApp.substring(7))).isEqualTo(oldKey);
        assertThat(server.delete("/applications/" + singleApp, server.token()).status()).isEqualTo(200);
    }

    @Test
    void traefikModeRoutesByHostNameInsteadOfAHostPort() {
        int port = TestServer.freePort();
        Http.Response r = server.post("/deploy", server.token(), """
                {"appId": "%s", "config": {"WEBUI_PORT": "%d", "DOMAIN": "home.example.com"}, "mode": {"type": "authelia"}}"""
                .formatted(proxyApp, port));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode end = server.awaitEnd(r.json().get("deploymentId").asText());
        assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("succeeded");
        String slug = proxyApp.substring(7);
        InspectContainerResponse c = server.docker().client().inspectContainerCmd(slug).exec();
        String proxy = server.setting("TRAEFIK_NETWORK");
        assertThat(c.getConfig().getLabels())
                .containsEntry("traefik.http.routers." + proxyApp + ".rule", "Host(`" + slug + ".home.example.com`)")
                .containsEntry("traefik.http.routers." + proxyApp + ".middlewares", "authelia@docker")
                .containsEntry("traefik.docker.network", proxy);
        assertThat(c.getNetworkSettings().getNetworks()).containsKeys(proxy, proxyApp + "_default");
        assertThat(c.getHostConfig().getPortBindings().getBindings()).allSatisfy((p, b) -> assertThat(b).isNull());
        assertThat(server.delete("/applications/" + proxyApp, server.token()).status()).isEqualTo(200);
        assertThat(server.docker().client().inspectNetworkCmd().withNetworkId(proxy).exec()).as("shared network stays").isNotNull();
    }

    private static String apiKey(String container) {
        return new ArrayList<>(List.of(server.docker().client().inspectContainerCmd(container).exec().getConfig().getEnv()))
                .stream().filter(e -> e.startsWith("API_KEY=")).findFirst().orElseThrow();
    }
}
