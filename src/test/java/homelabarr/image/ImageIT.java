package homelabarr.image;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Await;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server image, as users run it (issue 12): built here from Debian's packages, started with the repository's
 * compose.yaml against the real engine, upgraded from a 0.1.0 data volume, restarted, and run again behind a
 * filtering socket proxy. Runs after {@code package} (failsafe), since the image takes the built jar.
 */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageIT {
    private static final String IMAGE = "homelabarr:it";
    private static final Path FIXTURE = Path.of("src/test/resources/image");
    private static final String ADMIN_PASSWORD = "upgrade-fixture-secret-77";
    private static final String OLD_DEPLOYMENT = "115898ff1c9c3fab";
    private static final String PROBE = "myapps-upgrade-probe";
    private final List<Project> projects = new ArrayList<>();
    private Path work;

    /** One compose project: its name, its file and its environment. */
    private record Project(String name, Path file, Map<String, String> env, int port) {
    }

    @BeforeAll
    void buildImage() throws Exception {
        new DockerFixture().close(); // a missing engine or test image is a broken setup, not a skip
        work = Files.createTempDirectory("homelabarr-image-it");
        long started = System.nanoTime();
        run(Duration.ofMinutes(25), Map.of(), "scripts/build-image.sh", "--local", "--no-package", "--tag", IMAGE);
        System.out.printf("image %s built in %d s, %d MB%n", IMAGE, (System.nanoTime() - started) / 1_000_000_000,
                Long.parseLong(output(Map.of(), "docker", "image", "inspect", "-f", "{{.Size}}", IMAGE).strip()) / 1_000_000);
    }

    @AfterAll
    void cleanUp() throws Exception {
        for (Project p : projects) {
            run(Duration.ofMinutes(3), p.env(), "docker-compose", "-p", p.name(), "-f", p.file().toString(), "down", "-v",
                    "--remove-orphans");
        }
        for (String id : output(Map.of(), "docker", "ps", "-aq", "--filter", "label=homelabarr.app=" + PROBE,
                "--filter", "label=homelabarr.test=true").split("\\s+")) {
            if (!id.isBlank()) {
                run(Duration.ofMinutes(1), Map.of(), "docker", "rm", "-f", "-v", id);
            }
        }
        for (String id : output(Map.of(), "docker", "network", "ls", "-q", "--filter", "label=homelabarr.app=" + PROBE)
                .split("\\s+")) {
            if (!id.isBlank()) {
                run(Duration.ofMinutes(1), Map.of(), "docker", "network", "rm", id);
            }
        }
        if (work != null) {
            run(Duration.ofMinutes(1), Map.of(), "rm", "-rf", work.toString());
        }
    }

    @Test
    void upgradesAVolumeFrom010DeploysAndKeepsEverythingAcrossARestart() throws Exception {
        Project p = project(Path.of("compose.yaml").toAbsolutePath(), Map.of(
                "DOCKER_GID", output(Map.of(), "stat", "-c", "%g", "/var/run/docker.sock").strip()));
        compose(p, "up", "--no-start");
        seedVolume(p, FIXTURE.resolve("data-0.1.0"));
        long started = System.nanoTime();
        compose(p, "up", "-d");
        Http http = awaitHealthy(p);
        System.out.printf("container start to first healthy /health: %d ms%n", (System.nanoTime() - started) / 1_000_000);

        String admin = login(http, "admin", ADMIN_PASSWORD);
        String apiKey = Files.readString(FIXTURE.resolve("data-0.1.0/api-key")).strip();
        assertThat(http.get("/auth/me", apiKey).json().get("user").get("username").asText()).isEqualTo("admin");
        assertThat(login(http, "olduser", "upgrade-fixture-pass-88")).isNotBlank();
        assertThat(http.get("/deployments/" + OLD_DEPLOYMENT, admin).json().get("data").get("status").asText())
                .isEqualTo("succeeded");
        assertThat(http.get("/applications/" + PROBE).status()).isEqualTo(200);

        String containerUser = output(Map.of(), "docker", "inspect", "-f", "{{.Config.User}}", container(p)).strip();
        assertThat(containerUser).isEqualTo("10001:10001");

        Path appFolder = work.resolve("appdata-direct");
        deployAndCheckFolder(http, admin, appFolder);

        compose(p, "restart", "homelabarr");
        http = awaitHealthy(p);
        admin = login(http, "admin", ADMIN_PASSWORD);
        assertThat(http.get("/deployments?app=" + PROBE, admin).json().get("total").asInt()).isEqualTo(2);
        assertThat(http.get("/auth/users", admin).json().get("data").toString()).contains("olduser");
        assertThat(http.get("/auth/me", apiKey).status()).isEqualTo(200);
        assertThat(http.get("/containers?state=running", admin).json().get("data").toString()).contains("upgrade-probe");
        assertThat(http.delete("/applications/" + PROBE, admin).status()).isEqualTo(200);
    }

    @Test
    void worksBehindAFilteringSocketProxy() throws Exception {
        Path dir = Files.createDirectories(work.resolve("proxy"));
        Files.copy(FIXTURE.resolve("compose.socket-proxy.yaml"), dir.resolve("compose.yaml"));
        Files.copy(FIXTURE.resolve("haproxy.cfg"), dir.resolve("haproxy.cfg"));
        Project p = project(dir.resolve("compose.yaml"), Map.of("HOMELABARR_ADMIN_PASSWORD", ADMIN_PASSWORD));
        compose(p, "up", "--no-start");
        Path templates = Files.createDirectories(work.resolve("proxy-seed/apps/myapps"));
        Files.copy(FIXTURE.resolve("data-0.1.0/apps/myapps/upgrade-probe.yml"), templates.resolve("upgrade-probe.yml"));
        seedVolume(p, work.resolve("proxy-seed"));
        compose(p, "up", "-d");
        Http http = awaitHealthy(p);
        String admin = login(http, "admin", ADMIN_PASSWORD);
        assertThat(http.get("/health").json().get("docker").get("connected").asBoolean()).isTrue();
        deployAndCheckFolder(http, admin, work.resolve("appdata-proxy"));
        assertThat(http.delete("/applications/" + PROBE, admin).status()).isEqualTo(200);

        // the proxy answers what HomelabARR needs and refuses the rest
        String network = p.name() + "_default";
        assertThat(output(Map.of(), "docker", "run", "--rm", "--network", network, DockerFixture.IMAGE,
                "wget", "-q", "-O-", "http://socket-proxy:2375/_ping")).isEqualTo("OK");
        for (String refused : List.of("http://socket-proxy:2375/v1.41/swarm", "http://socket-proxy:2375/v1.41/plugins",
                "http://socket-proxy:2375/v1.41/secrets")) {
            assertThat(exitCode(Map.of(), "docker", "run", "--rm", "--network", network, DockerFixture.IMAGE,
                    "wget", "-q", "-O-", refused)).as(refused).isNotZero();
        }
        assertThat(exitCode(Map.of(), "docker", "run", "--rm", "--network", network, DockerFixture.IMAGE,
                "wget", "-q", "-O-", "--post-data={\"Cmd\":[\"id\"]}", "http://socket-proxy:2375/v1.41/containers/"
                        + container(p) + "/exec")).as("exec").isNotZero();
    }

    @Test
    void saysWhichGroupToAddWhenTheSocketCannotBeUsed() throws Exception {
        String name = "hlr-it-nogroup-" + UUID.randomUUID().toString().substring(0, 8);
        String gid = output(Map.of(), "stat", "-c", "%g", "/var/run/docker.sock").strip();
        run(Duration.ofMinutes(1), Map.of(), "docker", "run", "-d", "--name", name, "--label", "homelabarr.test=true",
                "--label", TestRun.LABEL + "=" + TestRun.ID, "-v", "/var/run/docker.sock:/var/run/docker.sock", IMAGE);
        try {
            String logs = Await.value("the server in " + name + " to say it may not use the socket", Duration.ofMinutes(2),
                    () -> logs(name), l -> l.contains("may not use"));
            assertThat(logs).contains("may not use /var/run/docker.sock", "group " + gid, "group_add");
        } finally {
            run(Duration.ofMinutes(1), Map.of(), "docker", "rm", "-f", "-v", name);
        }
    }

    /** Deploys the probe into a host folder: the server, in its container, has it created for PUID through a helper. */
    private void deployAndCheckFolder(Http http, String admin, Path appFolder) throws Exception {
        int webPort = freePort();
        JsonNode accepted = http.post("/deploy", admin, """
                {"appId": "%s", "config": {"APPFOLDER": "%s", "WEBUI_PORT": "%d", "ID": "1234"}}"""
                .formatted(PROBE, appFolder, webPort)).assertStatus(202).json();
        String id = accepted.get("deploymentId").asText();
        JsonNode end = awaitEnd(http, admin, id);
        assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("succeeded");
        Path data = appFolder.resolve("upgrade-probe/data");
        assertThat(data).isDirectory();
        assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(1234);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + webPort + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("homelabarr test page");
    }

    private Project project(Path file, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        int port = freePort();
        env.put("HOMELABARR_IMAGE", IMAGE);
        env.put("HOMELABARR_PORT", Integer.toString(port));
        Project p = new Project("hlr-it-" + UUID.randomUUID().toString().substring(0, 8), file, env, port);
        projects.add(p);
        return p;
    }

    private void compose(Project p, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", p.name(), "-f", p.file().toString()));
        command.addAll(List.of(args));
        run(Duration.ofMinutes(5), p.env(), command.toArray(String[]::new));
    }

    /** Copies a DATA_DIR into the project's volume, owned by the image's user, as an older version left it. */
    private void seedVolume(Project p, Path data) throws Exception {
        run(Duration.ofMinutes(2), Map.of(), "docker", "run", "--rm", "-v", p.name() + "_homelabarr-data:/data",
                "-v", data.toAbsolutePath() + ":/seed:ro", DockerFixture.IMAGE, "/bin/sh", "-c",
                "cp -a /seed/. /data/ && chown -R 10001:10001 /data && chmod 700 /data");
    }

    private String container(Project p) throws Exception {
        return output(p.env(), "docker-compose", "-p", p.name(), "-f", p.file().toString(), "ps", "-q", "homelabarr").strip();
    }

    private static Http awaitHealthy(Project p) {
        Http http = new Http(p.port());
        Await.until("HomelabARR in " + p.name() + " to answer /health with 200", Duration.ofMinutes(3), () -> {
            try {
                return http.get("/health").status() == 200;
            } catch (RuntimeException notListeningYet) {
                return false;
            }
        });
        return http;
    }

    private static JsonNode awaitEnd(Http http, String token, String id) {
        return Await.value("deployment " + id + " to end", Duration.ofMinutes(2),
                () -> http.get("/deployments/" + id, token).json().get("data"),
                d -> List.of("succeeded", "failed", "rolled-back", "cancelled").contains(d.get("status").asText()));
    }

    private static String login(Http http, String user, String password) {
        return http.post("/auth/login", null, "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(user, password))
                .assertStatus(200).json().get("token").asText();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Duration timeout, Map<String, String> env, String... command) throws Exception {
        int code = exec(timeout, env, true, command).exitCode();
        assertThat(code).as(String.join(" ", command)).isZero();
    }

    private static int exitCode(Map<String, String> env, String... command) throws Exception {
        return exec(Duration.ofMinutes(2), env, false, command).exitCode();
    }

    private static String output(Map<String, String> env, String... command) throws Exception {
        Result r = exec(Duration.ofMinutes(2), env, false, command);
        assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.output()).isZero();
        return r.output();
    }

    private static String logs(String container) {
        try {
            return output(Map.of(), "docker", "logs", container);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(Duration timeout, Map<String, String> env, boolean inherit, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(!inherit);
        if (inherit) {
            pb.inheritIO();
        }
        Process process = pb.start();
        String out = inherit ? "" : new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout);
        }
        return new Result(process.exitValue(), out.strip());
    }
}
