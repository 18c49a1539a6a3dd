package homelabarr.deploy;

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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Missing bind-mount paths (issue 11, item 7): folders are created only under the app folder and the data roots,
 * owned by PUID:PGID; anywhere else, and for files, a missing path is refused before anything runs, and the
 * engine is never left to make a root-owned folder of it.
 */
@NeedsDocker
class HostFoldersTest {
    static final String MOUNTS = TestTemplates.header("Mounts", "Mounts a host path given as a setting") + """
              settings:
                - key: HOST_PATH
                  label: Host path
                  type: path
                  required: true
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sleep", "3600"]
                volumes:
                  - ${APPFOLDER}/mounts/config:/config
                  - ${HOST_PATH}:/mounted
                labels:
                  homelabarr.test: "true"
            """ + TestTemplates.LABELLED_DATA_AND_NETWORK;

    @TempDir
    static Path dir;
    @TempDir
    static Path appFolder;
    static TestServer server;
    static String mounts;

    @BeforeAll
    static void start() {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        mounts = builder.template("mounts", MOUNTS);
        server = builder.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Response deploy(String hostPath) {
        return server.post("/deploy", server.token(), "{\"appId\": \"" + mounts + "\", \"config\": {\"HOST_PATH\": \"" + hostPath
                + "\", \"APPFOLDER\": \"" + appFolder + "\", \"ID\": \"1234\"}}");
    }

    @Test
    void aMissingPathOutsideTheRootsIsRefusedAndNotCreated() {
        Path outside = Path.of("/run/homelabarr-test-" + UUID.randomUUID());
        Response r = deploy(outside.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("error").asText()).isEqualTo("Missing host path");
        assertThat(r.json().get("details").asText()).contains(outside.toString(), "does not exist");
        assertThat(outside).doesNotExist();
        assertThat(server.docker().containers("homelabarr.app=" + mounts)).isEmpty();
    }

    @Test
    void aMissingFileIsNeverMadeAFolder() {
        Path file = appFolder.resolve("mounts/settings.yml");
        Response r = deploy(file.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("details").asText()).contains("it is a file");
        assertThat(file).doesNotExist();
    }

    @Test
    void foldersUnderTheAppFolderAreCreatedForTheAppsUser() throws Exception {
        Path library = appFolder.resolve("library/tv");
        String id = deploy(library.toString()).json().get("deploymentId").asText();
        assertThat(server.awaitEnd(id).get("status").asText()).isEqualTo("succeeded");
        for (Path created : new Path[] {library, appFolder.resolve("mounts/config")}) {
            assertThat(created).isDirectory();
            assertThat(Files.getAttribute(created, "unix:uid")).as(created.toString()).isEqualTo(1234);
        }
        assertThat(server.delete("/applications/" + mounts, server.token()).status()).isEqualTo(200);
    }
}
