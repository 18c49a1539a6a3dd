package homelabarr.containers;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Await;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Secrets are masked in every API answer": a container that prints its secrets must not show them through the
 * log routes, to any role, read once or followed. The deployed app's secret is found through its template (its
 * variable name does not look secret, and the container prints it cut out of a longer value); an unmanaged
 * container's through its variable names and URL passwords.
 */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogMaskingTest {
    private static final String SECRET = "Sesame-" + UUID.randomUUID().toString().substring(0, 12);
    private static final String TOKEN = "tok-" + UUID.randomUUID().toString().substring(0, 12);
    private static final String URL_PASSWORD = "pw-" + UUID.randomUUID().toString().substring(0, 12);
    private static final String TEMPLATE = TestTemplates.header("Chatty", "Prints the secrets it was given.") + """
              settings:
                - key: ADMIN_WORD
                  label: Admin word
                  type: secret
                  generate: true
            services:
              app:
                image: homelabarr-test/busybox:1
                init: true
                command:
                  - /bin/sh
                  - -c
                  - |
                    W=$$(echo "$$GREETING" | cut -d' ' -f2); echo plain $$W; echo "$$GREETING"; echo done
                    exec sleep 3600
                environment:
                  GREETING: "hello ${ADMIN_WORD} world"
                labels:
                  homelabarr.test: "true"
            """ + TestTemplates.LABELLED_DATA_AND_NETWORK;
    private TestServer server;
    private DockerFixture docker;
    private String appId;
    private String deployed;
    private String unmanaged;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        TestServer.Builder builder = TestServer.builder(dataDir);
        appId = builder.template("chatty", TEMPLATE);
        server = builder.start();
        docker = server.docker();
        assertThat(server.http().get("/applications/" + appId).status()).isEqualTo(200);
        JsonNode end = server.awaitEnd(server.deploy(appId, """
                {"ADMIN_WORD": "%s"}""".formatted(SECRET)));
        assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("succeeded");
        deployed = server.get("/containers?app=" + appId).json().at("/data/0/id").asText();
        unmanaged = docker.run(docker.name("chatty"), cmd -> cmd.withEnv("GITHUB_TOKEN=" + TOKEN,
                        "DATABASE_URL=postgres://app:" + URL_PASSWORD + "@db/app", "GREETING=visible-greeting"),
                "/bin/sh", "-c", "echo token $GITHUB_TOKEN; echo url $DATABASE_URL; echo $GREETING; echo done; "
                        + "exec sleep 3600");
        awaitDone(deployed);
        awaitDone(unmanaged);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.delete("/applications/" + appId, server.token());
            // closes the Docker fixture too, and removes whatever the undeploy left of the app
            server.close();
        }
    }

    private void awaitDone(String id) {
        Await.until(id + " to print done", Duration.ofSeconds(60),
                () -> server.get("/containers/" + id + "/logs").body().contains("\"done\""));
    }

    /** Every data line of a follow stream until the container's "done" line, as one text. */
    private String follow(String id, String token) throws Exception {
        HttpResponse<InputStream> res = server.http().client().send(server.request("/containers/" + id
                + "/logs?follow=true&tail=100", token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.contains("\"line\":\"done\"")) {
                        return;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            reading.get(20, TimeUnit.SECONDS);
        } finally {
            res.body().close();
        }
        return seen.toString();
    }

    @Test
    void aDeployedAppsSecretsAreMaskedForEveryRoleReadOnceOrFollowed() throws Exception {
        for (String role : new String[]{"viewer", "user", "admin"}) {
            String token = server.userToken(role);
            Http.Response once = server.get("/containers/" + deployed + "/logs?tail=100", token);
            assertThat(once.status()).as(role + ": " + once.body()).isEqualTo(200);
            assertThat(once.body()).as(role).doesNotContain(SECRET)
                    .contains("\"plain ********\"", "\"line\":\"********\"", "\"done\"");
            assertThat(follow(deployed, token)).as(role + " follow").doesNotContain(SECRET)
                    .contains("\"plain ********\"", "\"line\":\"********\"");
        }
    }

    @Test
    void anUnmanagedContainersSecretLookingVariablesAndUrlPasswordsAreMasked() throws Exception {
        for (String role : new String[]{"viewer", "user", "admin"}) {
            String token = server.userToken(role);
            for (String text : new String[]{server.get("/containers/" + unmanaged + "/logs?tail=100", token).body(),
                    follow(unmanaged, token)}) {
                assertThat(text).as(role).doesNotContain(TOKEN, URL_PASSWORD)
                        .contains("token ********", "url postgres://app:********@db/app", "visible-greeting");
            }
        }
    }
}
