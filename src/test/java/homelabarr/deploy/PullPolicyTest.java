package homelabarr.deploy;

import homelabarr.deploy.DeployFixture.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "pull": "missing" (the default) keeps a present image; "always" asks the registry again. */
class PullPolicyTest {
    /** Pushed to the local registry by scripts/test-env.sh. */
    private static final String REGISTRY_IMAGE = "127.0.0.1:5000/test/busybox:1";
    private static final String TEMPLATE = DeployFixture.header("Pulled", "One service from the local registry") + """
            services:
              app:
                image: %s
                command: ["/bin/sleep", "3600"]
                init: true
                labels:
                  homelabarr.test: "true"
            """.formatted(REGISTRY_IMAGE) + DeployFixture.LABELLED_DATA_AND_NETWORK;

    @TempDir
    Path dir;
    DeployFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void alwaysPullsAgainAndMissingKeepsWhatIsThere() {
        server = new DeployFixture(dir.resolve("data"));
        String always = server.template("always", TEMPLATE);
        String missing = server.template("missing", TEMPLATE);
        server.start();

        String first = deploy(always, "always");
        assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
        assertThat(pullSteps(first)).anyMatch(m -> m.startsWith("Pulled " + REGISTRY_IMAGE))
                .noneMatch(m -> m.contains("already present"));

        String second = deploy(missing, "missing");
        assertThat(server.awaitEnd(second).get("status").asText()).isEqualTo("succeeded");
        assertThat(pullSteps(second)).containsExactly(REGISTRY_IMAGE + " is already present");
    }

    private String deploy(String appId, String pull) {
        DeployFixture.Response r = server.post("/deploy", """
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
