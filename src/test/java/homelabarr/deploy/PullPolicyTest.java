package homelabarr.deploy;

import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.Sse.Event;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "pull": "missing" (the default) keeps a present image; "always" asks the registry again. */
@NeedsDocker
class PullPolicyTest {
    private static final String REGISTRY_IMAGE = TestTemplates.REGISTRY_IMAGE;
    private static final String TEMPLATE = TestTemplates.idle("Pulled", REGISTRY_IMAGE);

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void alwaysPullsAgainAndMissingKeepsWhatIsThere() {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        String always = builder.template("always", TEMPLATE);
        String missing = builder.template("missing", TEMPLATE);
        server = builder.start();

        String first = deploy(always, "always");
        assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
        assertThat(pullSteps(first)).anyMatch(m -> m.startsWith("Pulled " + REGISTRY_IMAGE))
                .noneMatch(m -> m.contains("already present"));

        String second = deploy(missing, "missing");
        assertThat(server.awaitEnd(second).get("status").asText()).isEqualTo("succeeded");
        assertThat(pullSteps(second)).containsExactly(REGISTRY_IMAGE + " is already present");
    }

    private String deploy(String appId, String pull) {
        Http.Response r = server.post("/deploy", server.token(), """
                {"appId": "%s", "pull": "%s"}""".formatted(appId, pull));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("deploymentId").asText();
    }

    private List<String> pullSteps(String deploymentId) {
        return server.events(deploymentId, null).stream()
                .filter(e -> e.type().equals("step") && e.data().path("step").asText().equals("pull"))
                .map(Event::data).map(d -> d.get("message").asText()).toList();
    }
}
