package homelabarr.host;

import homelabarr.docker.DockerEngine;
import homelabarr.docker.Engine;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker host seen from inside a container: the same answers through helper containers as directly on the
 * host. Both views run here against the real engine and this machine's files, and must agree.
 */
@NeedsDocker
class HostTest {
    private static Engine engine;
    private static Host inContainer;
    private static Host local;

    @BeforeAll
    static void start() {
        new DockerFixture().close(); // fails loudly when the engine or the test image is missing
        engine = new DockerEngine(DockerFixture.host());
        inContainer = new Host(Host.Mode.CONTAINER, engine, DockerFixture.IMAGE, false, Path.of("/proc/net"), Clock.systemUTC());
        local = new Host(Host.Mode.LOCAL, engine, null, true, Path.of("/proc/net"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void linksAreFollowedOnTheHostFromInsideAContainer(@TempDir Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("tv"), Path.of("/var/run/docker.sock"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/etc/homelabarr-test-missing"));
        Files.createDirectories(dir.resolve("real"));
        Files.writeString(dir.resolve("real/file.yml"), "x: 1\n");
        List<String> paths = List.of(dir.resolve("tv").toString(), dir.resolve("dangling").toString(),
                dir.resolve("real").toString(), dir.resolve("real/file.yml").toString(),
                dir.resolve("new/deeper/still").toString(), "/dev/null");
        Map<String, HostFile> seen = inContainer.inspect(paths);
        Map<String, HostFile> direct = local.inspect(paths);
        for (String p : paths) {
            assertThat(seen.get(p).real()).as(p).isEqualTo(direct.get(p).real());
            assertThat(seen.get(p).kind()).as(p).isEqualTo(direct.get(p).kind());
        }
        assertThat(seen.get(dir.resolve("tv").toString()).real()).isEqualTo(Path.of("/run/docker.sock"));
        assertThat(seen.get(dir.resolve("tv").toString()).kind()).isEqualTo(HostFile.Kind.SOCKET);
        assertThat(seen.get(dir.resolve("dangling").toString()).real()).isEqualTo(Path.of("/etc/homelabarr-test-missing"));
        assertThat(seen.get(dir.resolve("new/deeper/still").toString()).kind()).isEqualTo(HostFile.Kind.MISSING);
        assertThat(seen.get(dir.resolve("real/file.yml").toString()).kind()).isEqualTo(HostFile.Kind.FILE);
    }

    @Test
    void foldersAreCreatedOnTheHostForTheAppsUser(@TempDir Path root) throws Exception {
        Path target = root.resolve("app/config/deep");
        Files.createDirectories(root.resolve("app"));
        List<Path> created = inContainer.createFolders(List.of(new FolderRequest(root, target)), 1234, 2345);
        assertThat(created).containsExactly(root.resolve("app/config"), target);
        for (Path p : created) {
            assertThat(Files.getAttribute(p, "unix:uid")).as(p.toString()).isEqualTo(1234);
            assertThat(Files.getAttribute(p, "unix:gid")).as(p.toString()).isEqualTo(2345);
        }
        assertThat(Files.getAttribute(root.resolve("app"), "unix:uid")).as("existing folders keep their owner").isEqualTo(0);
        assertThat(inContainer.createFolders(List.of(new FolderRequest(root, target)), 1234, 2345)).isEmpty();
    }

    @Test
    void theHostsListeningPortsAreSeenFromABridgedContainer() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("0.0.0.0", 0));
            Listener mine = new Listener(squatter.getLocalPort(), "tcp");
            assertThat(inContainer.listeners(true).orElseThrow()).contains(mine);
            assertThat(local.listeners(true).orElseThrow()).contains(mine);
        }
    }

    @Test
    void itsOwnContainerIsFoundInTheMountTable(@TempDir Path dir) throws Exception {
        String id = "a".repeat(64);
        Path mountInfo = dir.resolve("mountinfo");
        Files.writeString(mountInfo, """
                600 590 0:52 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X
                612 600 8:1 /var/lib/docker/containers/%s/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/sda1 rw
                613 600 8:1 /var/lib/docker/containers/%s/hostname /etc/hostname rw,relatime - ext4 /dev/sda1 rw
                """.formatted(id, id));
        assertThat(Host.ownContainerId(mountInfo)).contains(id);
        Files.writeString(mountInfo, "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n");
        assertThat(Host.ownContainerId(mountInfo)).isEmpty();
        assertThat(Host.detect(engine, true, mountInfo, Path.of("/proc/net"), Clock.systemUTC()).mode()).isEqualTo(Host.Mode.LOCAL);
        assertThat(Host.detect(engine, false, mountInfo, Path.of("/proc/net"), Clock.systemUTC()).mode()).isEqualTo(Host.Mode.REMOTE);
    }
}
