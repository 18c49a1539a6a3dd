package homelabarr.http;

import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog Main runs: a listener that accepts (even a full one) is alive; one that refuses is dead. */
class ListenerWatchdogTest {
    @Test
    void firesOnlyWhenTheListenerRefusesConnections(@TempDir Path dir) throws Exception {
        TestServer server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "MAX_CONNECTIONS", "8", "REQUEST_TIMEOUT", "30s"));
        CountDownLatch dead = new CountDownLatch(1);
        List<Socket> stalled = new ArrayList<>();
        try (ListenerWatchdog watchdog = ListenerWatchdog.start("0.0.0.0", server.http().port(), Duration.ofMillis(100), 3,
                dead::countDown)) {
            // a full listener: every connection slot taken by a client that sends half a request
            for (int i = 0; i < 12; i++) {
                Socket s = new Socket("127.0.0.1", server.http().port());
                s.getOutputStream().write("GET /health HTTP/1.1\r\nX-Half: ".getBytes(StandardCharsets.ISO_8859_1));
                stalled.add(s);
            }
            assertThat(dead.await(2, TimeUnit.SECONDS)).as("a busy listener is not dead").isFalse();
            for (Socket s : stalled) {
                s.close();
            }
            server.close();
            assertThat(dead.await(10, TimeUnit.SECONDS)).as("a closed port is noticed").isTrue();
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }
}
