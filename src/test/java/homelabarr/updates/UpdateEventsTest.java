package homelabarr.updates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import homelabarr.docker.DockerSwarmEngine;
import homelabarr.db.Database;
import homelabarr.docker.DockerEngine;
import homelabarr.environments.Environments;
import homelabarr.environments.Target;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker's "update available" events, with the real engine, registry and SQLite: one per new digest (not
 * one per check), none for a pinned app; what notifications will be built on.
 */
@NeedsDocker
class UpdateEventsTest {
    @TempDir
    Path dir;
    private DockerFixture docker;
    private DockerEngine engine;
    private Environments environments;
    private Database db;
    private Versions versions;
    private final List<UpdateEvents.Event> published = new CopyOnWriteArrayList<>();
    private UpdateChecker checker;
    private UpdateStore store;
    private final String appId = "myapps-events-" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void start() {
        docker = new DockerFixture();
        engine = new DockerEngine(DockerFixture.host());
        db = new Database(dir.resolve("test.db"));
        versions = new Versions(docker.client(), "127.0.0.1:5000", null);
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        store = new UpdateStore(db, mapper, Clock.systemUTC());
        environments = new Environments(new Target(Environments.LOCAL, engine, null,
                    new DockerSwarmEngine(DockerFixture.host())), DockerFixture.host(), db, dir,
                Path.of("/proc/net"), Clock.systemUTC());
        checker = new UpdateChecker(new DeployedContainers(environments, app -> Environments.LOCAL),
                new RegistryClient(mapper, host -> Optional.empty(), Clock.systemUTC()), store, published::add,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        docker.removeApp(appId);
        versions.removeAll();
        docker.close();
        environments.close();
        engine.close();
        db.close();
    }

    @Test
    void aNewDigestIsAnnouncedOnceAndNeverForAPinnedApp() throws Exception {
        String v1 = versions.first("1");
        docker.run(docker.name("events"), cmd -> cmd.withImage(versions.repository() + ":1")
                .withLabels(Map.of("homelabarr.app", appId, "com.docker.compose.service", "web")), DockerFixture.IDLE);
        checker.check(appId);
        assertThat(published).as("up to date").isEmpty();

        String v2 = versions.push(v1, "1", "echo two > /two");
        versions.removeLocal(v2);
        checker.check(appId);
        checker.check(null);
        assertThat(published).hasSize(1);
        UpdateEvents.Available available = (UpdateEvents.Available) published.get(0);
        assertThat(available.appId()).isEqualTo(appId);
        assertThat(available.environment()).isEqualTo(Environments.LOCAL);
        assertThat(available.services()).singleElement().satisfies(s -> {
            assertThat(s.service()).isEqualTo("web");
            assertThat(s.currentDigest()).isEqualTo(versions.digest(v1));
            assertThat(s.remoteDigest()).startsWith("sha256:").isNotEqualTo(s.currentDigest());
        });

        store.setPolicy(appId, UpdatePolicy.PINNED, null, "admin");
        String v3 = versions.push(v1, "1", "echo three > /three");
        versions.removeLocal(v3);
        checker.check(appId);
        assertThat(published).as("pinned apps are not announced").hasSize(1);

        store.setPolicy(appId, UpdatePolicy.NOTIFY, null, "admin");
        checker.check(appId);
        assertThat(published).hasSize(2);
    }
}
