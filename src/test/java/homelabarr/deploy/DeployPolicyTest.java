package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http.Response;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of issue 8 against the real server and engine: a {@code user} tries to reach host root through
 * settings, custom templates, links and other people's containers, and is refused before anything is created;
 * an admin may do it all, with the risks named.
 */
@NeedsDocker
class DeployPolicyTest {
    private static final String PASSWORD = "Deploy-Tests-Pass-9182";
    /** An app with a path setting mounted as a whole, the way 51 built-in templates do it. */
    static final String MEDIA = TestTemplates.header("Media", "Mounts a library folder") + """
              settings:
                - key: TV_DIR
                  label: TV shows
                  type: path
                  default: /mnt/tv
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sleep", "3600"]
                environment:
                  PUID: "${PUID}"
                  PGID: "${PGID}"
                volumes:
                  - ${APPFOLDER}/media/config:/config
                  - ${TV_DIR}:/tv
                labels:
                  homelabarr.test: "true"
            """ + TestTemplates.LABELLED_DATA_AND_NETWORK;
    static final Map<String, String> DODGES = Map.of(
            "pid: host", "pid: host",
            "cap_add: [SYS_ADMIN]", "capability SYS_ADMIN",
            "security_opt: [\"seccomp=unconfined\"]", "seccomp=unconfined",
            "volumes: [\"/:/host\"]", "system folder /",
            "volumes: [\"/run/docker.sock/:/var/run/docker.sock\"]", "Docker socket",
            "privileged: true", "privileged",
            "user: \"0:0\"", "runs as root",
            "devices: [\"/dev/vda:/dev/vda\"]", "/dev/vda");

    @TempDir
    static Path dir;
    @TempDir
    static Path library;
    static TestServer server;
    static String media;
    static final Map<String, String> dodges = new LinkedHashMap<>();
    static String userToken;
    static String viewerToken;

    @BeforeAll
    static void start() {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        media = builder.template("media", MEDIA);
        DODGES.forEach((field, reason) -> dodges.put(builder.template("dodge",
                TestTemplates.idle("Dodge", TestTemplates.IMAGE, field)), reason));
        server = builder.start();
        assertThat(server.get("/applications/errors").json().get("data")).as("template errors").isEmpty();
        for (String role : new String[] {"user", "viewer"}) {
            server.createUser(server.token(), role + "2", PASSWORD, role);
        }
        userToken = server.login("user2", PASSWORD);
        viewerToken = server.login("viewer2", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Response asUser(String method, String path, String body) {
        return server.send(method, path, userToken, body);
    }

    private static Response deployAsUser(String appId, String config) {
        return asUser("POST", "/deploy", "{\"appId\": \"" + appId + "\", \"config\": " + config + "}");
    }

    private static void refused(Response r, String... reasons) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("Not allowed by the deploy policy");
        assertThat(r.json().get("details").asText()).contains(reasons);
    }

    private static void nothingMadeFor(String appId) {
        assertThat(server.docker().containers("homelabarr.app=" + appId)).isEmpty();
        assertThat(server.get("/deployments?app=" + appId).json().get("total").asInt()).isZero();
    }

    @Test
    void ordinarySettingsCannotReachHostRoot() {
        refused(deployAsUser(media, "{\"TV_DIR\": \"/var/run/docker.sock\", \"PUID\": \"0\"}"),
                "Docker socket", "runs as root (PUID=0)");
        refused(deployAsUser(media, "{\"TV_DIR\": \"/\"}"), "system folder /");
        refused(deployAsUser(media, "{\"TV_DIR\": \"/home\"}"), "outside the folders open to non-admins");
        refused(deployAsUser(media, "{\"ID\": \"0\"}"), "PUID=0", "PGID=0");
        refused(deployAsUser(media, "{\"APPFOLDER\": \"/etc\"}"), "system folder /etc");
        assertThat(Path.of("/etc/media")).doesNotExist();
        nothingMadeFor(media);
        JsonNode audit = server.get("/audit?action=deploy&actor=user2").json().get("data");
        assertThat(audit.size()).isGreaterThanOrEqualTo(5);
        assertThat(audit.get(0).get("result").asText()).isEqualTo("failure");
        assertThat(audit.get(0).get("details").asText()).contains("deploy policy");
    }

    @Test
    void builtInTemplatesAreJudgedOnTheirSettingsNotTheirDefaults() {
        refused(deployAsUser("system-cloudcmd", "{\"FILES_DIR\": \"/\", \"ID\": \"0\", \"PASSWORD\": \"a-password\"}"), "system folder /");
        refused(deployAsUser("monitoring-scrutiny", "{\"DISK\": \"/dev/vda\"}"), "/dev/vda");
        Response injected = deployAsUser("monitoring-prometheus", "{\"RETENTION\": \"15d $(id > /config/x)\"}");
        assertThat(injected.status()).as(injected.body()).isEqualTo(400);
        assertThat(injected.json().get("details").asText()).contains("config.RETENTION", "duration");
        nothingMadeFor("system-cloudcmd");
        nothingMadeFor("monitoring-prometheus");
    }

    @Test
    void customTemplatesCannotDodgeThePolicy() {
        dodges.forEach((appId, reason) -> {
            refused(deployAsUser(appId, "{}"), reason);
            nothingMadeFor(appId);
        });
    }

    @Test
    void theCatalogSaysWhatANonAdminCannotDeployAndWhy() {
        JsonNode portainer = server.get("/applications/system-portainer").json().get("data");
        assertThat(portainer.get("adminOnly").asBoolean()).isTrue();
        assertThat(portainer.get("adminReasons").toString()).contains("Docker socket");
        JsonNode plex = server.get("/applications/media-servers-plex").json().get("data");
        assertThat(plex.get("adminOnly").asBoolean()).as(plex.get("adminReasons").toString()).isFalse();
        assertThat(plex.get("adminReasons")).isEmpty();
        JsonNode list = server.get("/applications?category=myapps").json().get("data");
        for (JsonNode app : list) {
            if (dodges.containsKey(app.get("id").asText())) {
                assertThat(app.get("adminOnly").asBoolean()).as(app.get("id").asText()).isTrue();
            }
        }
    }

    @Test
    void linksInsideAnAllowedFolderAreFollowedAndRealFoldersWork() throws Exception {
        String defaults = server.get("/settings/deploy-policy").json().get("data").toString();
        try {
            linksAreFollowed();
        } finally {
            server.send("PUT", "/settings/deploy-policy", server.token(), defaults);
        }
    }

    private void linksAreFollowed() throws Exception {
        Response policy = server.send("PUT", "/settings/deploy-policy", server.token(),
                "{\"allowedBindRoots\": [\"/opt/appdata\", \"" + library + "\"]}");
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        Files.createSymbolicLink(library.resolve("tv"), Path.of("/var/run/docker.sock"));
        Files.createDirectories(library.resolve("shows"));

        Response viaLink = deployAsUser(media, "{\"TV_DIR\": \"" + library.resolve("tv") + "\"}");
        refused(viaLink, "a link to /run/docker.sock", "Docker socket");
        nothingMadeFor(media);

        String id = deployAsUser(media, "{\"TV_DIR\": \"" + library.resolve("shows") + "\", \"APPFOLDER\": \""
                + library.resolve("appdata") + "\"}").json().get("deploymentId").asText();
        assertThat(server.awaitEnd(id).get("status").asText()).isEqualTo("succeeded");
        String container = server.docker().containers("homelabarr.app=" + media).getFirst().getId();
        assertThat(asUser("POST", "/containers/" + container + "/restart?timeout=1", null).status()).isEqualTo(200);
        Response undeploy = asUser("DELETE", "/applications/" + media, null);
        assertThat(undeploy.status()).as(undeploy.body()).isEqualTo(200);
        assertThat(server.docker().containers("homelabarr.app=" + media)).isEmpty();
    }

    @Test
    void anAdminMayDeployItWithTheRisksNamedAndTheUserMayNotTouchIt() {
        // privileged containers cannot start in this machine's sandbox; uid 0 is as much a root risk and runs
        String rooted = dodges.entrySet().stream().filter(e -> e.getValue().equals("runs as root")).findFirst()
                .orElseThrow().getKey();
        Response accepted = server.post("/deploy", server.token(), "{\"appId\": \"" + rooted + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("risks").toString()).contains("runs as root");
        String id = accepted.json().get("deploymentId").asText();
        JsonNode end = server.awaitEnd(id);
        assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("succeeded");
        JsonNode entry = server.get("/audit?action=deploy&actor=admin").json().get("data").get(0);
        assertThat(entry.get("details").asText()).contains(id, "risks:", "runs as root");

        String container = server.docker().containers("homelabarr.app=" + rooted).getFirst().getId();
        for (String[] call : new String[][] {{"POST", "/containers/" + container + "/stop"},
                {"POST", "/containers/" + container + "/restart"}, {"DELETE", "/containers/" + container + "?force=true"},
                {"DELETE", "/applications/" + rooted}}) {
            Response r = asUser(call[0], call[1], null);
            assertThat(r.status()).as(call[0] + " " + call[1] + ": " + r.body()).isEqualTo(403);
            assertThat(r.json().get("details").asText()).contains("runs as root");
        }
        assertThat(server.docker().containers("homelabarr.app=" + rooted)).hasSize(1)
                .allMatch(c -> c.getState().equals("running"));
        assertThat(server.delete("/applications/" + rooted, server.token()).status()).isEqualTo(200);
    }

    @Test
    void containersHomelabarrDidNotCreateAreTheAdminsOnly() {
        try (DockerFixture docker = new DockerFixture()) {
            String name = docker.name("foreign");
            docker.run(name, DockerFixture.IDLE);
            for (String[] call : new String[][] {{"POST", "/containers/" + name + "/stop"},
                    {"POST", "/containers/" + name + "/restart"}, {"DELETE", "/containers/" + name + "?force=true"}}) {
                Response r = asUser(call[0], call[1], null);
                assertThat(r.status()).as(call[1]).isEqualTo(403);
                assertThat(r.json().get("details").asText()).contains("not created by HomelabARR");
            }
            assertThat(docker.mine()).hasSize(1).allMatch(c -> c.getState().equals("running"));
            assertThat(server.post("/containers/" + name + "/stop?timeout=1", server.token(), null).status()).isEqualTo(200);
        }
    }

    @Test
    void thePolicySettingsCannotOpenAWayToRoot() {
        Response read = server.send("GET", "/settings/deploy-policy", viewerToken, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("fixedRules").size()).isPositive();
        JsonNode before = server.get("/settings/deploy-policy").json().get("data");
        assertThat(asUser("PUT", "/settings/deploy-policy", "{\"allowHostNetwork\": true}").status()).isEqualTo(403);
        for (String[] bad : new String[][] {{"allowedBindRoots", "[\"/\"]"}, {"allowedBindRoots", "[\"/etc\"]"},
                {"allowedBindRoots", "[\"/var\"]"}, {"allowedBindRoots", "[\"relative\"]"},
                {"allowedBindRoots", "[\"/srv/../etc\"]"}, {"allowedCapabilities", "[\"SYS_ADMIN\"]"},
                {"allowedCapabilities", "[\"ALL\"]"}, {"allowedDevices", "[\"/dev/sda\"]"},
                {"allowedDevices", "[\"/dev/mem\"]"}, {"allowedDevices", "[\"/etc/passwd\"]"},
                {"allowSysctls", "\"yes\""}, {"colour", "\"blue\""}}) {
            Response r = server.send("PUT", "/settings/deploy-policy", server.token(), "{\"" + bad[0] + "\": " + bad[1] + "}");
            assertThat(r.status()).as(bad[0] + "=" + bad[1] + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().get("details").asText()).contains(bad[0]);
        }
        assertThat(server.get("/settings/deploy-policy").json().get("data")).isEqualTo(before);

        Response vpn = server.send("PUT", "/settings/deploy-policy", server.token(),
                "{\"allowedCapabilities\": [\"cap_net_admin\"], \"allowedDevices\": [\"/dev/net/tun\"]}");
        assertThat(vpn.status()).as(vpn.body()).isEqualTo(200);
        assertThat(vpn.json().get("data").get("allowedCapabilities").get(0).asText()).isEqualTo("NET_ADMIN");
        assertThat(vpn.json().get("data").get("allowedBindRoots")).isEqualTo(before.get("allowedBindRoots"));
        assertThat(server.get("/audit?action=settings.deploy-policy").json().get("total").asInt()).isGreaterThanOrEqualTo(2);
        server.send("PUT", "/settings/deploy-policy", server.token(), "{\"allowedCapabilities\": [], \"allowedDevices\": []}");
    }
}
