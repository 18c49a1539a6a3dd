package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http.Response;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad deploy request is a 4xx with {"error","details"} naming the field, and nothing is stored or run. */
@NeedsDocker
class DeployRequestTest {
    static final String TAGGED = TestTemplates.header("Tagged", "The image tag is a setting") + """
              settings:
                - key: TAG
                  label: Image tag
                  type: string
                  default: "1"
            services:
              app:
                image: homelabarr-test/busybox:${TAG}
                command: ["/bin/sleep", "3600"]
                labels:
                  homelabarr.test: "true"
            """ + TestTemplates.LABELLED_DATA_AND_NETWORK;

    @TempDir
    static Path dir;
    static TestServer server;
    static String valid;
    static String risky;
    static String noWeb;
    static String tagged;
    static String viewerToken;
    static String userToken;

    @BeforeAll
    static void start() {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        valid = builder.template("valid", TestTemplates.WEB);
        risky = builder.template("risky", TestTemplates.idle("Risky", TestTemplates.IMAGE, "privileged: true"));
        noWeb = builder.template("noweb", TestTemplates.idle("No web", TestTemplates.IMAGE));
        tagged = builder.template("tagged", TAGGED);
        server = builder.start();
        viewerToken = server.userToken("viewer");
        userToken = server.userToken("user");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownAppIs404() {
        expect(server.post("/deploy", server.token(), "{\"appId\": \"media-servers-nope\"}"), 404, "media-servers-nope");
    }

    @Test
    void badFieldsAre400NamingTheField() {
        String port = "\"WEBUI_PORT\": \"8080\"";
        bad("{}", "appId");
        bad("{\"appId\": \"" + valid + "\", \"config\": {}}", "config.WEBUI_PORT");
        bad(body("{" + port + "}", "{\"type\": \"kubernetes\"}"), "mode.type");
        bad(body("{" + port + ", \"NOPE\": \"1\"}", null), "config.NOPE");
        bad(body("{" + port + ", \"TZ\": \"Mars/Olympus\"}", null), "config.TZ");
        bad(body("{" + port + ", \"APPFOLDER\": \"opt/appdata\"}", null), "config.APPFOLDER");
        bad(body("{" + port + ", \"APPFOLDER\": \"/opt/../etc\"}", null), "config.APPFOLDER");
        bad(body("{" + port + ", \"TZ\": \"Europe/Berlin\\u0007\"}", null), "config.TZ");
        bad(body("{\"WEBUI_PORT\": \"70000\"}", null), "config.WEBUI_PORT");
        bad(body("{\"WEBUI_PORT\": 0}", null), "config.WEBUI_PORT");
        bad(body("{" + port + ", \"ID\": \"root\"}", null), "config.ID");
        bad(body("{" + port + ", \"PUID\": \"-1\"}", null), "config.PUID");
        bad(body("{" + port + ", \"TZ\": {\"zone\": \"Europe/Berlin\"}}", null), "config.TZ");
        bad(body("{" + port + ", \"DOMAIN\": \"evil`) || Host(`x\"}", "{\"type\": \"traefik\"}"), "config.DOMAIN");
        bad("{\"appId\": \"" + noWeb + "\", \"mode\": {\"type\": \"traefik\"}}", "mode.type");
        bad("{\"appId\": \"" + valid + "\", \"config\": {" + port + "}, \"pull\": \"sometimes\"}", "pull");
        bad("{\"appId\": \"" + valid + "\", \"config\": {" + port + "}, \"mode\": {\"type\": \"standard\", \"tls\": true}}", "tls");
        bad("{\"appId\": \"" + valid + "\", \"colour\": \"blue\"}", "colour");
        bad("{\"appId\": \"" + valid + "\", \"redeploy\": \"yes\"}", "redeploy");
        bad("{\"appId\": ", "line");
        assertThat(server.send("POST", "/deploy", server.token(), null).status()).isEqualTo(400);
        assertNothingStored();
    }

    @Test
    void anInvalidImageReferenceIsRefusedBeforeAnythingRuns() {
        expect(server.post("/deploy", server.token(), "{\"appId\": \"" + tagged + "\", \"config\": {\"TAG\": \"no such tag\"}}"),
                409, "homelabarr-test/busybox:no such tag");
        assertNothingStored();
    }

    @Test
    void rolesAreChecked() {
        String body = body("{\"WEBUI_PORT\": \"8080\"}", null);
        assertThat(server.send("POST", "/deploy", null, body).status()).isEqualTo(401);
        expect(server.send("POST", "/deploy", viewerToken, body), 403, "read-only");
        expect(server.send("POST", "/deploy", userToken, "{\"appId\": \"" + risky + "\"}"), 403, "runs privileged");
        assertThat(server.send("GET", "/deployments", viewerToken, null).status()).isEqualTo(200);
        assertNothingStored();
        assertThat(server.get("/audit?action=deploy").json().get("total").asInt()).isPositive();
    }

    @Test
    void otherRoutesCheckTheirInputs() {
        expect(server.send("GET", "/stream/progress", null, null), 400, "deploymentId");
        expect(server.send("GET", "/stream/progress?deploymentId=0123456789abcdef", null, null), 404, "deployment");
        expect(server.get("/deployments?status=done"), 400, "status");
        expect(server.get("/deployments/nope"), 404, "deployment");
        expect(server.delete("/applications/" + valid, server.token()), 404, "no containers");
    }

    private static String body(String config, String mode) {
        return "{\"appId\": \"" + valid + "\", \"config\": " + config + (mode == null ? "" : ", \"mode\": " + mode) + "}";
    }

    private static void bad(String body, String field) {
        expect(server.post("/deploy", server.token(), body), 400, field);
    }

    private static void expect(Response r, int status, String mention) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode json = r.json();
        assertThat(json.get("error").asText()).isNotBlank();
        assertThat(json.get("details").asText()).as(r.body()).containsIgnoringCase(mention);
    }

    private static void assertNothingStored() {
        assertThat(server.get("/deployments").json().get("total").asInt()).isZero();
        assertThat(server.docker().containers("homelabarr.app=" + valid)).isEmpty();
    }
}
