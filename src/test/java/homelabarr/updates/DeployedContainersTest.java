package homelabarr.updates;

import homelabarr.docker.DockerSwarmEngine;
import homelabarr.db.Database;
import homelabarr.docker.DockerEngine;
import homelabarr.environments.Environments;
import homelabarr.environments.Target;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round over the environments is bounded: an engine that takes the connection and never answers (a socket held
 * open by this test) is given up on at the round's limit and reported, while the local engine's apps are found.
 */
@NeedsDocker
class DeployedContainersTest {
    @TempDir
    Path dir;

    @Test
    void anEngineThatNeverAnswersIsGivenUpOnWhileTheOthersCount() throws IOException {
        Path socket = dir.resolve("silent.sock");
        List<SocketChannel> held = new CopyOnWriteArrayList<>();
        String app = "myapps-silent-" + Long.toHexString(System.nanoTime());
        DockerFixture docker = new DockerFixture();
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             Database db = new Database(dir.resolve("test.db"));
             DockerEngine engine = new DockerEngine(DockerFixture.host())) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            db.update("INSERT INTO environments (name, address, created_by, created_at) VALUES (?,?,?,?)", "silent",
                    "unix://" + socket, "test", Instant.now().toString());
            docker.run(docker.name("silent"), cmd -> cmd.withLabels(Map.of("homelabarr.app", app,
                    "com.docker.compose.service", "web")), DockerFixture.IDLE);
            try (Environments environments = new Environments(new Target(Environments.LOCAL, engine, null,
                    new DockerSwarmEngine(DockerFixture.host())),
                    DockerFixture.host(), db, dir, Path.of("/proc/net"), Clock.systemUTC())) {
                DeployedContainers.Round round = new DeployedContainers(environments, a -> Environments.LOCAL,
                        Duration.ofSeconds(15)).everywhere();
                assertThat(round.unreached()).containsOnlyKeys("silent");
                assertThat(round.unreached().get("silent")).isEqualTo("The Docker Engine did not answer within 15 s");
                assertThat(round.apps().get(app)).singleElement().satisfies(found -> {
                    assertThat(found.environment()).isEqualTo(Environments.LOCAL);
                    assertThat(found.service()).isEqualTo("web");
                    assertThat(found.running()).isNotNull();
                });
            }
        } finally {
            for (SocketChannel c : held) {
                c.close();
            }
            docker.removeApp(app);
            docker.close();
        }
    }
}
