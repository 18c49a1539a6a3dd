package homelabarr;

import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppStartTest {
    @Test
    void aTakenPortStopsStartupInsteadOfServingNothing(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Config config = Config.load(Map.of("PORT", Integer.toString(taken.getLocalPort()), "BIND_ADDRESS", "127.0.0.1",
                    "DATA_DIR", dir.toString(), "HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD));
            assertThatThrownBy(() -> new App(config, Clock.systemUTC()))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(BindException.class);
        }
    }
}
