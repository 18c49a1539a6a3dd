package homelabarr.http;

import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack that closed the port for good: half-sent requests until the process runs out of file descriptors.
 * Helidon's listener then fails on accept, logs "this server socket is terminating" and never accepts again while
 * the process lives on. The real server runs here in its own JVM with an open-file limit of 512, so the attack
 * needs a few hundred connections instead of a thousand.
 */
class OpenFileLimitTest {
    private static final int STALLED = 700;

    @Test
    void halfSentRequestsBeyondTheOpenFileLimitDoNotStopTheListener(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("server.log");
        Process server = startServer(dir, port, log);
        List<Socket> stalled = new ArrayList<>();
        try {
            awaitStarted(server, port, log);
            for (int i = 0; i < STALLED; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Half: ".getBytes(StandardCharsets.ISO_8859_1));
                stalled.add(s);
            }
            Thread.sleep(3_000);
            for (Socket s : stalled) {
                s.close();
            }
            HttpResponse<String> health = health(port, Duration.ofSeconds(60));
            assertThat(health.statusCode()).as(health.body()).isIn(200, 503);
            assertThat(server.isAlive()).isTrue();
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
            server.destroy();
            server.waitFor();
        }
        assertThat(Files.readString(log)).contains(" started in ").doesNotContain("terminating", "Too many open files");
    }

    private static HttpResponse<String> health(int port, Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Process startServer(Path dir, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the JDK's console handler writes each record at once (so the log can be read while the server runs)
        Path logging = Files.writeString(dir.resolve("logging.properties"), """
                handlers=java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.level=ALL
                .level=INFO
                """);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -n 512 && exec \"$0\" --enable-native-access=ALL-UNNAMED "
                + "-Djava.util.logging.config.file=\"$2\" -cp \"$1\" homelabarr.Main",
                java, System.getProperty("java.class.path"), logging.toString());
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("BIND_ADDRESS", "127.0.0.1");
        pb.environment().put("DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        pb.environment().put("REQUEST_TIMEOUT", "2s");
        pb.environment().remove("MAX_CONNECTIONS");
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitStarted(Process server, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("server died: %s", Files.readString(log)).isTrue();
            try {
                health(port, Duration.ofSeconds(10));
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("server did not start: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
