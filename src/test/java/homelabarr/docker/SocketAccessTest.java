package homelabarr.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up hint about the Docker socket. A socket this process may not use is tested as the image's
 * unprivileged user in ImageIT (this JVM may be root, which may use any socket).
 */
class SocketAccessTest {
    @Test
    void aMissingSocketIsNamedAndAUsableOneIsQuiet(@TempDir Path dir) throws Exception {
        assertThat(SocketAccess.problem("unix://" + dir.resolve("missing.sock"))).get().asString()
                .contains("does not exist", "docker.sock");
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(SocketAccess.problem("unix://" + socket)).isEmpty();
        }
        assertThat(SocketAccess.problem("tcp://127.0.0.1:2375")).isEmpty();
    }
}
