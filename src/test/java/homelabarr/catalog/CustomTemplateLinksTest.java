package homelabarr.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A symbolic link in DATA_DIR/apps/myapps must not make the server read the file it points to: a link to
 * /etc/shadow was read, and its first line was shown in the template errors. Links are refused by name only.
 */
class CustomTemplateLinksTest {
    /** Stands for a secret file's line that is not valid YAML, so the parser's error would quote it. */
    private static final String SECRET_LINE = "root: $y$j9T$Shadowy.Hash.Value: 19000";
    private static final String TEMPLATE = """
            x-homelabarr:
              name: Outside
              description: A template that lives outside myapps.
              icon: outside
              website: https://example.org
            services:
              outside:
                image: homelabarr-test/busybox:1
                command: ["/bin/sleep", "3600"]
            """;

    @TempDir
    Path dataDir;
    @TempDir
    Path elsewhere;
    private TestServer server;
    private Path myapps;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir);
        myapps = dataDir.resolve("apps/myapps");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode errorsAfterRescan() {
        server.clock().advance(Duration.ofSeconds(3));
        Http.Response res = server.get("/applications/errors");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    @Test
    void aLinkToAFileOutsideIsRefusedWithoutReadingIt() throws Exception {
        Path shadow = Files.writeString(elsewhere.resolve("shadow"), SECRET_LINE + "\n");
        Path outside = Files.writeString(elsewhere.resolve("outside.yml"), TEMPLATE);
        Files.createSymbolicLink(myapps.resolve("shadow.yml"), shadow);
        Files.createSymbolicLink(myapps.resolve("outside.yml"), outside);

        JsonNode body = errorsAfterRescan();
        String text = body.toString();
        assertThat(text).doesNotContain("root:", "Shadowy", "19000", elsewhere.toString(), "shadow\"", dataDir.toString());
        assertThat(body.get("data")).hasSize(2);
        for (JsonNode error : body.get("data")) {
            assertThat(error.get("file").asText()).isIn("shadow.yml", "outside.yml");
            assertThat(error.get("error").asText()).contains("symbolic link");
        }
        assertThat(server.http().get("/applications/myapps-outside").status()).isEqualTo(404);
    }

    @Test
    void aLinkedFolderNamedLikeATemplateAndALinkedMyappsFolderAreRefused() throws Exception {
        Path folder = Files.createDirectory(elsewhere.resolve("dir"));
        Files.writeString(folder.resolve("inner.yml"), TEMPLATE);
        Files.createSymbolicLink(myapps.resolve("dir.yml"), folder);
        JsonNode body = errorsAfterRescan();
        assertThat(body.get("data")).singleElement().satisfies(e -> {
            assertThat(e.get("file").asText()).isEqualTo("dir.yml");
            assertThat(e.get("error").asText()).contains("symbolic link");
        });

        // myapps itself replaced by a link to a folder of templates: nothing in it is read
        Files.writeString(folder.resolve("outside.yml"), TEMPLATE);
        Files.delete(myapps.resolve("dir.yml"));
        Files.delete(myapps);
        Files.createSymbolicLink(myapps, folder);
        body = errorsAfterRescan();
        assertThat(body.toString()).doesNotContain(elsewhere.toString());
        assertThat(body.get("data")).singleElement().satisfies(e -> {
            assertThat(e.get("file").asText()).isEqualTo("myapps");
            assertThat(e.get("error").asText()).contains("symbolic link");
        });
        assertThat(server.http().get("/applications/myapps-outside").status()).isEqualTo(404);
    }

    @Test
    void regularTemplatesBesideARefusedLinkStillLoad() throws Exception {
        Files.writeString(myapps.resolve("outside.yml"), TEMPLATE);
        Files.createSymbolicLink(myapps.resolve("link.yml"), Files.writeString(elsewhere.resolve("x"), SECRET_LINE));
        JsonNode body = errorsAfterRescan();
        assertThat(body.get("data")).singleElement().satisfies(e -> assertThat(e.get("file").asText()).isEqualTo("link.yml"));
        assertThat(server.http().get("/applications/myapps-outside").status()).isEqualTo(200);
    }
}
