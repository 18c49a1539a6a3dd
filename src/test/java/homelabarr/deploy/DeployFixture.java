package homelabarr.deploy;

import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.plan.Plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import homelabarr.App;
import homelabarr.Config;
import homelabarr.testing.DockerFixture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real server on port 0 with its own DATA_DIR, custom templates written before it starts, an admin token,
 * HTTP and SSE helpers, and cleanup of everything its test apps created (found by label). Deploy tests need the
 * custom templates in place before the server starts and a Docker client beside it, which the shared
 * {@code homelabarr.testing.TestServer} does not offer.
 */
final class DeployFixture implements AutoCloseable {
    static final String IMAGE = "homelabarr-test/busybox:1";
    /** Marks a template's default network and its named volume {@code data} as test resources, for cleanup. */
    static final String LABELLED_DATA_AND_NETWORK = """
            volumes:
              data:
                labels:
                  homelabarr.test: "true"
            networks:
              default:
                labels:
                  homelabarr.test: "true"
            """;
    static final String PASSWORD = "Deploy-Tests-Pass-9182";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    final Path dataDir;
    final DockerFixture dockerFixture = new DockerFixture();
    final HttpClient http = HttpClient.newHttpClient();
    final List<String> appIds = new ArrayList<>();
    final Map<String, String> env = new HashMap<>();
    App app;
    String token;

    DeployFixture(Path dataDir) {
        this.dataDir = dataDir;
        env.put("DEPLOY_VERIFY_TIMEOUT", "20s");
    }

    /** The x-homelabarr lines every test template starts with; the template goes on with webUi/settings/services. */
    static String header(String name, String description) {
        return """
                x-homelabarr:
                  name: %s
                  description: %s
                  category: myapps
                  icon: test
                  website: https://example.com
                """.formatted(name, description);
    }

    DockerClient docker() {
        return dockerFixture.client();
    }

    /** Writes {@code myapps/<name>.yml} and returns its app id. The name gets a random suffix to stay unique. */
    String template(String name, String yaml) {
        String unique = name + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        try {
            Path folder = Files.createDirectories(dataDir.resolve("apps/myapps"));
            Files.writeString(folder.resolve(unique + ".yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        appIds.add("myapps-" + unique);
        return "myapps-" + unique;
    }

    DeployFixture start() {
        Map<String, String> config = new HashMap<>(env);
        config.put("PORT", "0");
        config.put("DATA_DIR", dataDir.toString());
        config.put("HOMELABARR_ADMIN_PASSWORD", PASSWORD);
        app = new App(Config.load(config), Clock.systemUTC());
        token = login("admin", PASSWORD);
        return this;
    }

    void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    String login(String user, String password) {
        Response r = send("POST", "/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        return r.json().get("token").asText();
    }

    Response post(String path, String body) {
        return send("POST", path, body, token);
    }

    Response get(String path) {
        return send("GET", path, null, token);
    }

    Response delete(String path) {
        return send("DELETE", path, null, token);
    }

    Response send(String method, String path, String body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a deploy and returns its id; fails the test unless the answer is 202. */
    String deploy(String appId, String config) {
        Response r = post("/deploy", "{\"appId\":\"" + appId + "\",\"config\":" + config + "}");
        if (r.status() != 202) {
            throw new AssertionError("deploy answered " + r.status() + ": " + r.body());
        }
        return r.json().get("deploymentId").asText();
    }

    /** Reads the whole progress stream (no token: the route is public) until the server ends it. */
    List<Event> events(String deploymentId, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/stream/progress?deploymentId=" + deploymentId)).timeout(Duration.ofSeconds(60));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<java.io.InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new AssertionError("stream answered " + r.statusCode());
            }
            List<Event> out = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            out.add(new Event(Long.parseLong(id), name, MAPPER.readTree(data.toString())));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls the record until it reaches {@code status} (or any end state) and returns it. */
    JsonNode awaitEnd(String deploymentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode d = get("/deployments/" + deploymentId).json().get("data");
            if (DeploymentStatus.parse(d.get("status").asText()).isFinal()) {
                return d;
            }
            sleep(100);
        }
        throw new AssertionError("deployment " + deploymentId + " did not end");
    }

    JsonNode awaitStatus(String deploymentId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode d = get("/deployments/" + deploymentId).json().get("data");
            if (d.get("status").asText().equals(status)) {
                return d;
            }
            sleep(50);
        }
        throw new AssertionError("deployment " + deploymentId + " never reached " + status);
    }

    List<Container> containers(String label) {
        return docker().listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec();
    }

    List<Network> networks(String label) {
        return docker().listNetworksCmd().withFilter("label", List.of(label)).exec();
    }

    List<InspectVolumeResponse> volumes(String label) {
        List<InspectVolumeResponse> v = docker().listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
        return v == null ? List.of() : v;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Removes what this server's test apps made. Their ids carry a random suffix, so everything labelled with one of
     * them is this fixture's, whether or not its template also put the test label on it.
     */
    void cleanup() {
        for (String appId : appIds) {
            List<String> labels = List.of(Plan.LABEL_APP + "=" + appId);
            docker().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
                    .forEach(c -> docker().removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
            docker().listNetworksCmd().withFilter("label", labels).exec()
                    .forEach(n -> docker().removeNetworkCmd(n.getId()).exec());
            volumes(Plan.LABEL_APP + "=" + appId).forEach(v -> docker().removeVolumeCmd(v.getName()).exec());
        }
    }

    @Override
    public void close() {
        stop();
        cleanup();
        dockerFixture.close();
    }

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Event(long id, String type, JsonNode data) {
    }
}
