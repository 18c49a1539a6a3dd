package homelabarr.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.NsEngine;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real engines from one server: the local one and an extra engine in its own network namespace reached over
 * tcp with mutual TLS (certificates made by the test). The same app deployed to both; lists spanning both; then the
 * extra engine is stopped and everything about the local one still answers, completely.
 */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnvironmentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENGINE = 1;
    private static final String NAME = "nas";

    private Path dir;
    private TestServer server;
    private NsEngine remote;
    private String app;
    private String other;
    private String slow;
    private int port;

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        remote = NsEngine.start(ENGINE, dir);
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        app = builder.template("envs", TestTemplates.WEB);
        other = builder.template("envstwo", TestTemplates.WEB);
        slow = builder.template("envslow", TestTemplates.SLOW);
        server = builder.start();
        port = TestServer.freePort();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    private ObjectNode tcp(String name) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("address", remote.tcpAddress());
        body.put("ca", remote.ca());
        body.put("cert", remote.cert());
        body.put("key", remote.key());
        return body;
    }

    private Http.Response addEnvironment(ObjectNode body) {
        return server.post("/environments", server.adminToken(), body.toString());
    }

    @Test
    @Order(10)
    void onlyAnAdminManagesEnvironments() {
        String user = server.userToken("user");
        String viewer = server.userToken("viewer");
        addEnvironmentAs(user).assertError(403);
        server.post("/environments/test", user, tcp("x").toString()).assertError(403);
        server.send("PATCH", "/environments/local", user, "{\"name\":\"y\"}").assertError(403);
        server.delete("/environments/local", user).assertError(403);
        JsonNode list = server.get("/environments", viewer).assertStatus(200).json();
        assertThat(list.get("data").get(0).get("name").asText()).isEqualTo("local");
        assertThat(list.get("data").get(0).get("builtin").asBoolean()).isTrue();
        assertThat(list.get("data").get(0).get("address").isNull()).as("addresses are for admins").isTrue();
        assertThat(server.get("/environments").json().get("data").get(0).get("address").asText()).isNotBlank();
        server.get("/environments", null).assertError(401);
    }

    private Http.Response addEnvironmentAs(String token) {
        return server.post("/environments", token, tcp("x").toString());
    }

    @Test
    @Order(20)
    void badInputIsAClearClientError() throws Exception {
        String admin = server.adminToken();
        addEnvironment(tcp("Bad Name")).assertError(400);
        addEnvironment(tcp("local")).assertError(400);
        addEnvironment(tcp("all")).assertError(400);
        ObjectNode noAddress = tcp("a1");
        noAddress.remove("address");
        addEnvironment(noAddress).assertError(400);
        addEnvironment(JSON.createObjectNode().put("name", "a2").put("address", remote.tcpAddress())).assertError(400);
        addEnvironment(JSON.createObjectNode().put("name", "a3").put("address", "ssh://root@nas")).assertError(400);
        addEnvironment(JSON.createObjectNode().put("name", "a4").put("address", "http://nas:2375")).assertError(400);
        addEnvironment(JSON.createObjectNode().put("name", "a5").put("address", "tcp://nas")).assertError(400);
        addEnvironment(tcp("a6").put("ca", "not a certificate")).assertError(400);
        addEnvironment(tcp("a7").put("cert", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .assertError(400);
        addEnvironment(tcp("a8").put("key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .assertError(400);
        // a well-formed key of another pair: it does not belong to the certificate
        Http.Response mismatch = addEnvironment(tcp("a9").put("key", Files.readString(remote.file("server-key.pem"))))
                .assertError(400);
        assertThat(mismatch.details()).contains("does not belong");
        ObjectNode byMissingPath = tcp("a10");
        byMissingPath.remove("key");
        byMissingPath.put("keyPath", dir.resolve("no-such-key.pem").toString());
        addEnvironment(byMissingPath).assertError(400);
        ObjectNode both = tcp("a11").put("keyPath", remote.file("key.pem").toString());
        addEnvironment(both).assertError(400);
        addEnvironment(JSON.createObjectNode().put("name", "a12").put("address", "/run/x.sock").put("ca", remote.ca()))
                .assertError(400);
        server.post("/environments", admin, "{\"name\":\"a13\",\"address\":\"/x.sock\",\"extra\":1}").assertError(400);
        server.get("/environments").json().get("data").forEach(e -> assertThat(e.get("name").asText()).isEqualTo("local"));

        server.get("/containers?env=nope").assertError(404);
        server.get("/deployments?env=nope").assertError(404);
        server.get("/ports/check?env=nope").assertError(404);
        server.post("/containers/x/start?env=all", admin).assertError(400);
        server.post("/deploy?env=nope", admin, "{\"appId\":\"" + app + "\"}").assertError(404);
        server.delete("/applications/" + app + "?env=nope", admin).assertError(404);
        server.get("/environments/nope").assertError(404);
        server.delete("/environments/local", admin).assertError(400);
        server.send("PATCH", "/environments/local", admin, "{\"name\":\"home\"}").assertError(400);
        server.delete("/environments/nope", admin).assertError(404);
    }

    @Test
    @Order(30)
    void anEngineOverMutualTlsIsAddedAndItsKeyNeverShown() throws Exception {
        // the connection is tried first without being kept
        JsonNode tried = server.post("/environments/test", server.adminToken(), tcp(NAME).toString())
                .assertStatus(200).json().get("data");
        assertThat(tried.get("reachable").asBoolean()).as(tried.toString()).isTrue();
        assertThat(server.get("/environments").json().get("total").asInt()).isEqualTo(1);

        Http.Response added = addEnvironment(tcp(NAME)).assertStatus(201);
        JsonNode env = added.json().get("data");
        assertThat(env.get("name").asText()).isEqualTo(NAME);
        assertThat(env.get("kind").asText()).isEqualTo("tcp+tls");
        assertThat(env.get("address").asText()).isEqualTo(remote.tcpAddress());
        assertThat(env.get("reachable").asBoolean()).as(env.toString()).isTrue();
        assertThat(env.get("engineVersion").asText()).isNotBlank();
        assertThat(env.get("swarmRole").asText()).isEqualTo("inactive");
        assertThat(env.get("lastChecked").isNull()).isFalse();
        addEnvironment(tcp(NAME)).assertError(409);
        // the swarm routes reach the same engine with the same mutual TLS: it answers that it is in no swarm
        Http.Response swarm = server.get("/swarm/nodes?env=" + NAME).assertError(409);
        assertThat(swarm.details()).contains("environment " + NAME).contains("swarm state: inactive");

        String keyBody = remote.key().lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (Http.Response r : List.of(added, server.get("/environments"), server.get("/environments/" + NAME),
                server.get("/health"))) {
            r.assertNoLeak(keyBody, "PRIVATE KEY", remote.file("key.pem").toString());
        }
        // at rest: sealed with DATA_DIR/secret-key (0600), not in the clear
        String stored;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("homelabarr.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT tls_key FROM environments WHERE name = 'nas'")) {
            assertThat(rs.next()).isTrue();
            stored = rs.getString(1);
        }
        assertThat(stored).startsWith("v1:").doesNotContain(keyBody).doesNotContain("PRIVATE KEY");
        assertThat(Files.getPosixFilePermissions(server.dataDir().resolve("secret-key")).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    @Order(40)
    void theSameAppRunsOnBothEnginesFromOneServer() {
        String config = "{\"WEBUI_PORT\": " + port + "}";
        String admin = server.adminToken();
        String local = server.deploy(app, config);
        assertThat(server.awaitEnd(local).get("status").asText()).isEqualTo("succeeded");
        Http.Response accepted = server.post("/deploy?env=" + NAME, admin,
                "{\"appId\":\"" + app + "\",\"config\":" + config + "}").assertStatus(202);
        assertThat(accepted.json().get("environment").asText()).isEqualTo(NAME);
        JsonNode onNas = server.awaitEnd(accepted.json().get("deploymentId").asText());
        assertThat(onNas.get("status").asText()).as(onNas.toString()).isEqualTo("succeeded");
        assertThat(onNas.get("environment").asText()).isEqualTo(NAME);

        // really on the other engine, and the same host port is free there: another host
        try (DockerFixture nas = remote.docker()) {
            assertThat(nas.containers("homelabarr.app=" + app)).hasSize(1);
        }
        JsonNode mine = server.get("/containers?env=" + NAME + "&app=" + app).assertStatus(200).json();
        assertThat(mine.get("total").asInt()).isEqualTo(1);
        assertThat(mine.get("data").get(0).get("environment").asText()).isEqualTo(NAME);
        JsonNode localOnly = server.get("/containers?app=" + app).json();
        assertThat(localOnly.get("total").asInt()).isEqualTo(1);
        assertThat(localOnly.get("data").get(0).get("environment").asText()).isEqualTo("local");

        JsonNode all = server.get("/containers?env=all&app=" + app).assertStatus(200).json();
        assertThat(environments(all)).containsExactlyInAnyOrder("local", NAME);
        assertThat(all.get("unreachable")).isEmpty();
        assertThat(environments(server.get("/deployments?env=all&app=" + app).json())).contains("local", NAME);
        assertThat(environments(server.get("/deployments?app=" + app).json())).containsOnly("local");

        String id = mine.get("data").get(0).get("id").asText();
        server.get("/containers/" + id + "/logs?env=" + NAME).assertStatus(200);
        server.get("/containers/" + id).assertError(404);
        JsonNode stopped = server.post("/containers/" + id + "/stop?env=" + NAME, admin).assertStatus(200).json();
        assertThat(stopped.get("state").asText()).isEqualTo("exited");
        server.post("/containers/" + id + "/start?env=" + NAME, admin).assertStatus(200);
        JsonNode ports = server.get("/ports/check?env=" + NAME).assertStatus(200).json();
        assertThat(ports.get("usedPorts").toString()).contains(String.valueOf(port));
        assertThat(ports.get("environment").asText()).isEqualTo(NAME);
        assertThat(ports.get("hostPortsVisible").asBoolean()).isFalse();
    }

    @Test
    @Order(50)
    void preflightChecksTheTargetEnvironmentsPorts() {
        int taken = TestServer.freePort();
        try (DockerFixture nas = remote.docker()) {
            nas.run(nas.name("port"), c -> c.withExposedPorts(com.github.dockerjava.api.model.ExposedPort.tcp(8080))
                    .getHostConfig().withPortBindings(com.github.dockerjava.api.model.PortBinding.parse(taken + ":8080")),
                    DockerFixture.IDLE);
            Http.Response refused = server.post("/deploy?env=" + NAME, server.adminToken(),
                    "{\"appId\":\"" + other + "\",\"config\":{\"WEBUI_PORT\":" + taken + "}}").assertError(409);
            assertThat(refused.details()).contains(String.valueOf(taken));
            assertThat(server.get("/ports/check?env=" + NAME).json().get("usedPorts").toString()).contains("" + taken);
            assertThat(server.get("/ports/check").json().get("usedPorts").toString()).doesNotContain("" + taken);
        }
    }

    @Test
    @Order(55)
    void aUserActsOnAnotherEnvironmentUnderTheSamePolicy() {
        String user = server.userToken("user");
        try (DockerFixture nas = remote.docker()) {
            String foreign = nas.run(nas.name("foreign"), c -> { }, DockerFixture.IDLE);
            server.post("/containers/" + foreign + "/stop?env=" + NAME, user).assertError(403);
            // the same id means nothing on the local engine
            server.post("/containers/" + foreign + "/stop", user).assertError(404);
        }
        String mine = server.get("/containers?env=" + NAME + "&app=" + app, user).json().get("data").get(0).get("id").asText();
        assertThat(server.post("/containers/" + mine + "/restart?env=" + NAME, user).assertStatus(200).json()
                .get("state").asText()).isEqualTo("running");
    }

    @Test
    @Order(57)
    void aUnixSocketIsAnEnvironmentToo() {
        String admin = server.adminToken();
        Http.Response added = server.post("/environments", admin, JSON.createObjectNode().put("name", "viasocket")
                .put("address", remote.socket().substring("unix://".length())).toString()).assertStatus(201);
        JsonNode env = added.json().get("data");
        assertThat(env.get("kind").asText()).isEqualTo("socket");
        assertThat(env.get("address").asText()).isEqualTo(remote.socket());
        assertThat(env.get("reachable").asBoolean()).as(env.toString()).isTrue();
        assertThat(env.get("tls").asBoolean()).isFalse();
        JsonNode there = server.get("/containers?env=viasocket&app=" + app).assertStatus(200).json();
        assertThat(there.get("data").get(0).get("environment").asText()).isEqualTo("viasocket");
        server.delete("/environments/viasocket", admin).assertStatus(200);
    }

    @Test
    @Order(58)
    void anEnvironmentWithARunningDeploymentIsNotRemoved() {
        String admin = server.adminToken();
        Http.Response accepted = server.post("/deploy?env=" + NAME, admin, "{\"appId\":\"" + slow
                + "\",\"config\":{\"WEBUI_PORT\":" + TestServer.freePort() + ",\"SLOW_SECONDS\":60}}").assertStatus(202);
        String id = accepted.json().get("deploymentId").asText();
        server.awaitStatus(id, "starting");
        server.delete("/environments/" + NAME, admin).assertError(409);
        // the refusal is recorded once, with what the client was told
        assertThat(server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'environment.remove' AND target = ?"
                + " AND result = 'failure' AND details LIKE 'Deployment in progress: %'", NAME)).isEqualTo(1);
        server.delete("/deployments/" + id, admin).assertStatus(202);
        assertThat(server.awaitEnd(id).get("status").asText()).isEqualTo("cancelled");
        try (DockerFixture nas = remote.docker()) {
            assertThat(nas.containers("homelabarr.app=" + slow)).as("rolled back on the nas").isEmpty();
        }
    }

    @Test
    @Order(60)
    void renamingMovesTheDeploymentsAlong() {
        String admin = server.adminToken();
        server.send("PATCH", "/environments/" + NAME, admin, "{\"name\":\"local\"}").assertError(400);
        server.send("PATCH", "/environments/" + NAME, admin, "{\"name\":\"nas2\"}").assertStatus(200);
        assertThat(environments(server.get("/deployments?env=nas2&app=" + app).json())).containsOnly("nas2");
        server.get("/containers?env=" + NAME).assertError(404);
        assertThat(server.get("/containers?env=nas2&app=" + app).json().get("total").asInt()).isEqualTo(1);
        server.send("PATCH", "/environments/nas2", admin, "{\"name\":\"" + NAME + "\"}").assertStatus(200);
    }

    @Test
    @Order(70)
    void aStoppedEngineLeavesTheLocalAnswersCorrectAndComplete() {
        // (other test runs share the local engine: compare this test's own container, not the total)
        String ours = server.get("/containers?app=" + app).json().get("data").get(0).get("id").asText();
        remote.halt();
        JsonNode local = server.get("/containers").assertStatus(200).json();
        assertThat(local.get("data").findValuesAsText("id")).contains(ours);
        assertThat(server.get("/containers?app=" + app).json().get("total").asInt()).isEqualTo(1);
        JsonNode all = server.get("/containers?env=all&app=" + app).assertStatus(200).json();
        assertThat(environments(all)).containsOnly("local");
        assertThat(all.get("unreachable").toString()).contains(NAME);
        server.get("/ports/check").assertStatus(200);
        server.get("/deployments?env=all").assertStatus(200);

        JsonNode checked = server.post("/environments/" + NAME + "/test", server.adminToken()).assertStatus(200)
                .json().get("data");
        assertThat(checked.get("reachable").asBoolean()).isFalse();
        assertThat(checked.get("lastError").asText()).isNotBlank();
        JsonNode health = server.get("/health", null).assertStatus(200).json();
        assertThat(health.get("status").asText()).isEqualTo("healthy");
        Map<String, Boolean> connected = new java.util.HashMap<>();
        health.get("environments").forEach(e -> connected.put(e.get("name").asText(), e.get("connected").asBoolean()));
        assertThat(connected).containsEntry("local", true).containsEntry(NAME, false);
        server.get("/containers?env=" + NAME).assertError(503);
    }

    @Test
    @Order(80)
    void aRemovedEnvironmentIsGone() {
        String admin = server.adminToken();
        server.delete("/environments/" + NAME, admin).assertStatus(200);
        server.get("/containers?env=" + NAME).assertError(404);
        server.get("/environments/" + NAME).assertError(404);
        assertThat(server.get("/environments").json().get("total").asInt()).isEqualTo(1);
    }

    private static List<String> environments(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("data").forEach(item -> out.add(item.get("environment").asText()));
        return out;
    }
}
