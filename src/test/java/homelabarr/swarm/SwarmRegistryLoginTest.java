package homelabarr.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Await;
import homelabarr.testing.LoginRegistry;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.NsEngine;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stacks whose images only a registry with a login has: the swarm's node pulls them with the stored registry login,
 * on a stack's first deploy (service create) and on a redeploy to an image the node does not have (service update
 * of a service created before the login was stored, so the engine has no login of its own to reuse), and without
 * the login the deploy does not succeed. The swarm is a single-node one on an engine of its
 * own in a network namespace ({@link NsEngine}): the three-node test swarm never pulls (its nodes run loaded images
 * only, so that nothing is ever asked of a registry outside). The registry (htpasswd auth) runs in the same
 * namespace on its loopback, the one address an engine reaches without TLS; the images are pushed there through
 * that engine and removed from it, so every deploy has to pull.
 */
@NeedsDocker
class SwarmRegistryLoginTest {
    private static final String USER = "carol";
    private static final String PASSWORD = "swarm-registry-pass-57";
    private static final String ENV = "private-swarm";
    private static final int ENGINE = 5;
    @TempDir
    static Path dir;
    static NsEngine engine;
    static LoginRegistry registry;
    static String host;
    static Path cli;
    static TestServer server;
    /** Deployed first with a login (create). */
    static String created;
    /** Deployed first without one, from tag 1, which the engine has; then redeployed with tag 3 (update). */
    static String updated;

    @BeforeAll
    static void start() throws Exception {
        engine = NsEngine.start(ENGINE, dir);
        cli = Files.createDirectories(dir.resolve("docker-cli"));
        assertThat(docker(null, "swarm", "init", "--advertise-addr", "10.241." + ENGINE + ".2")).as("swarm init").isZero();
        host = "127.0.0.1:" + TestServer.freePort();
        registry = LoginRegistry.start(dir.resolve("registry"), host, USER, PASSWORD,
                List.of("nsenter", "--net=/var/run/netns/hlr-env" + ENGINE));
        Await.until("the htpasswd registry in hlr-env" + ENGINE + " on " + host, Duration.ofSeconds(30),
                () -> docker(PASSWORD + "\n", "login", host, "-u", USER, "--password-stdin") == 0);
        for (String tag : List.of("1", "2", "3")) {
            assertThat(docker(null, "tag", "homelabarr-test/busybox:1", image(tag))).isZero();
            assertThat(docker(null, "push", image(tag))).as("push " + image(tag)).isZero();
            if (!tag.equals("1")) {
                assertThat(docker(null, "rmi", image(tag))).isZero();
            }
        }
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        created = builder.template("screate", template("2"));
        updated = builder.template("supdate", template("1"));
        server = builder.start();
        server.post("/environments", server.token(), """
                {"name": "%s", "address": "%s"}""".formatted(ENV, engine.socket())).assertStatus(201);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.delete("/swarm/stacks/" + created + "?env=" + ENV, server.token());
                server.delete("/swarm/stacks/" + updated + "?env=" + ENV, server.token());
                server.close();
            }
        } finally {
            try {
                if (registry != null) {
                    registry.close();
                }
            } finally {
                if (engine != null) {
                    engine.close(); // its swarm, services, images and data go with it
                }
            }
        }
    }

    private static String image(String tag) {
        return host + "/private/web:" + tag;
    }

    private static String template(String tag) {
        return SwarmTemplates.sleepers("Swarm private", image(tag), 1);
    }

    /** The docker CLI on the test's engine, with a config folder of this test's own (its login stays there). */
    private static int docker(String input, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "--config", cli.toString(), "-H", engine.socket()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("docker-cli.log").toFile()).start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static JsonNode deploy(String app) {
        String id = server.post("/swarm/deploy?env=" + ENV, server.token(), """
                {"appId": "%s", "config": {}, "redeploy": true}""".formatted(app)).assertStatus(202)
                .json().get("deploymentId").asText();
        return server.awaitEnd(id);
    }

    @Test
    void nodesPullAPrivateImageWithTheStoredLoginOnCreateAndOnUpdate() throws IOException {
        JsonNode local = deploy(updated);
        assertThat(local.path("status").asText()).as("the engine has tag 1: " + local).isEqualTo("succeeded");
        JsonNode refused = deploy(created);
        assertThat(refused.path("status").asText()).as("no login stored: " + refused).isNotEqualTo("succeeded");
        assertThat(docker(null, "image", "inspect", image("2"))).as("nothing was pulled").isNotZero();

        server.send("PUT", "/updates/registries/" + host, server.adminToken(),
                "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(USER, PASSWORD)).assertStatus(200);
        JsonNode pulled = deploy(created);
        assertThat(pulled.path("status").asText()).as(pulled.toString()).isEqualTo("succeeded");
        assertThat(docker(null, "image", "inspect", image("2"))).as("pulled on create").isZero();

        Files.writeString(server.dataDir().resolve("apps/myapps/" + updated.substring("myapps-".length()) + ".yml"),
                template("3"));
        Await.until("the template names tag 3", Duration.ofSeconds(30),
                () -> server.get("/applications/" + updated).body().contains(image("3")));
        JsonNode update = deploy(updated);
        assertThat(update.path("status").asText()).as(update.toString()).isEqualTo("succeeded");
        assertThat(docker(null, "image", "inspect", image("3"))).as("pulled on update").isZero();
    }
}
