package homelabarr.deploy;

import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redeploys raced with an undeploy of the same app got a false 503 "Docker Engine unavailable" (7 of 618): the
 * redeploy read the running containers' settings before taking the app's lock, and a container removed between
 * the listing and the inspection (a 404 from the engine) was taken for an unreachable engine. Every answer must
 * be the real one: accepted, busy (409) or not deployed.
 */
@NeedsDocker
class RedeployRaceTest {
    private static final int SERVICES = 6;
    private static final int REDEPLOYERS = 4;

    @Test
    void redeploysDuringAnUndeployNeverSayTheEngineIsDown(@TempDir Path dir) throws Exception {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        String appId = builder.template("race", template());
        try (TestServer server = builder.start()) {
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            Queue<String> accepted = new ConcurrentLinkedQueue<>();
            for (int round = 0; round < 2; round++) {
                String first = server.deploy(appId, "{}");
                assertThat(server.awaitEnd(first).get("status").asText()).isEqualTo("succeeded");
                CompletableFuture<Http.Response> undeploy =
                        CompletableFuture.supplyAsync(() -> server.delete("/applications/" + appId, server.token()));
                try (ExecutorService redeployers = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int t = 0; t < REDEPLOYERS; t++) {
                        redeployers.submit(() -> {
                            while (!undeploy.isDone()) {
                                Http.Response r = server.post("/deploy", server.token(),
                                        "{\"appId\":\"" + appId + "\",\"redeploy\":true}");
                                if (r.status() == 202) {
                                    accepted.add(r.json().get("deploymentId").asText());
                                } else if (r.status() != 409) {
                                    wrong.add(r.status() + " " + r.body());
                                }
                            }
                        });
                    }
                }
                Http.Response removed = undeploy.join();
                assertThat(removed.status()).as(removed.body()).isIn(200, 409);
                for (String id : accepted) {
                    server.awaitEnd(id);
                }
                accepted.clear();
                server.delete("/applications/" + appId, server.token());
            }
            assertThat(wrong).isEmpty();
        }
    }

    private static String template() {
        StringBuilder services = new StringBuilder();
        for (int i = 0; i < SERVICES; i++) {
            services.append("""
                      s%d:
                        image: homelabarr-test/busybox:1
                        command: ["/bin/sleep", "3600"]
                        init: true
                        environment:
                          TOKEN: "${TOKEN}"
                        labels:
                          homelabarr.test: "true"
                    """.formatted(i));
        }
        return TestTemplates.header("Race", "Services to remove while a redeploy reads them") + """
                  settings:
                    - key: TOKEN
                      label: Token
                      type: secret
                      generate: true
                services:
                """ + services + """
                networks:
                  default:
                    labels:
                      homelabarr.test: "true"
                """;
    }
}
