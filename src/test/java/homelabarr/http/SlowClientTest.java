package homelabarr.http;

import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowloris: clients that send a request slowly, or start one and stall, are cut off after REQUEST_TIMEOUT (here
 * two seconds instead of thirty), so they cannot hold connections, and with them file descriptors, for ever.
 * Without the limits the web server waits minutes (idle, request line) or for ever (headers, body).
 */
class SlowClientTest {
    private static final String TIMEOUT = "2s";
    /** Far beyond the limit: a connection still open after this was not cut. */
    private static final int GIVE_UP_MILLIS = 20_000;
    private static final String LOGIN = "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";

    @TempDir
    Path dir;

    private TestServer start(String... settings) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "REQUEST_TIMEOUT", TIMEOUT));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return TestServer.start(dir, env);
    }

    @Test
    void aStalledHeadOrBodyOrIdleConnectionIsCut() throws Exception {
        try (TestServer server = start()) {
            int port = server.http().port();
            assertCut(port, "");
            assertCut(port, "GET /health HT");
            assertCut(port, "GET /health HTTP/1.1\r\nHost: x\r\nX-Half: ");
            assertCut(port, LOGIN + "Content-Length: 100\r\n\r\n{\"username\": ");
            assertCut(port, LOGIN + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"user");
            server.http().get("/health").assertStatus(200);
        }
    }

    @Test
    void aHeadOrBodySentOneByteAtATimeIsCut() throws Exception {
        try (TestServer server = start()) {
            int port = server.http().port();
            assertDripCut(port, "GET /health HTTP/1.1\r\nHost: x\r\n", "X-Drip: " + "a".repeat(1000));
            assertDripCut(port, LOGIN + "Content-Length: 1000\r\n\r\n", "{\"username\": \"" + "a".repeat(1000));
            server.http().get("/health").assertStatus(200);
        }
    }

    /** More stalled clients than the server takes at once: they wait in the backlog, are cut in turn, and then
     * an honest request is answered; the listener never stops. */
    @Test
    void moreStalledClientsThanTheConnectionLimitStillLeaveTheServerUp() throws Exception {
        try (TestServer server = start("MAX_CONNECTIONS", "16")) {
            int port = server.http().port();
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 48; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Half: ".getBytes(StandardCharsets.ISO_8859_1));
                    stalled.add(s);
                }
                // answered once the stalled clients ahead of it have been cut (three rounds of sixteen)
                Http.Response r = server.http().get("/health");
                assertThat(r.status()).isEqualTo(200);
                for (Socket s : stalled) {
                    assertThat(closedByServer(s)).as("stalled connection cut").isTrue();
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
            server.http().get("/health").assertStatus(200);
            assertThat(server.login("admin", TestServer.ADMIN_PASSWORD)).isNotBlank();
        }
    }

    /**
     * The web server takes a request running longer than the limit for an idle connection and closes it after the
     * answer; the answer must say so, or the client sends its next request on a connection that is going away (the
     * memory benchmark's failed logins, queued behind the password checks, lost dozens of requests that way).
     */
    @NeedsDocker
    @Test
    void aLongRequestIsAnsweredWithConnectionClose() {
        try (TestServer server = start(); DockerFixture docker = new DockerFixture()) {
            String name = docker.name("slow-stop");
            // sleep as process 1, without an init, ignores SIGTERM: stopping it takes the whole timeout
            docker.run(name, cmd -> cmd.getHostConfig().withInit(false), "/bin/sleep", "3600");
            Http.Response stopped = server.http().send(server.request("/containers/" + name + "/stop?timeout=3",
                    server.adminToken()).POST(HttpRequest.BodyPublishers.noBody())).assertStatus(200);
            assertThat(stopped.header("Connection")).contains("close");
            Http.Response quick = server.http().get("/health").assertStatus(200);
            assertThat(quick.header("Connection").orElse("")).doesNotContain("close");
        }
    }

    /** Sends {@code start} and nothing more: the server must close the connection on its own. */
    private static void assertCut(int port, String start) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            assertThat(closedByServer(s)).as("connection after '%s' cut", start.replace("\r\n", "\\r\\n")).isTrue();
        }
    }

    /** Sends {@code start}, then {@code rest} a byte every 100 ms (it would take over 100 s): the server must cut it. */
    private static void assertDripCut(int port, String start, String rest) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(start.getBytes(StandardCharsets.ISO_8859_1));
            long giveUp = System.nanoTime() + GIVE_UP_MILLIS * 1_000_000L;
            boolean cut = false;
            for (int i = 0; i < rest.length() && System.nanoTime() < giveUp && !cut; i++) {
                try {
                    out.write(rest.charAt(i));
                    out.flush();
                } catch (IOException reset) {
                    cut = true;
                }
                Thread.sleep(100);
                cut = cut || s.getInputStream().available() > 0 || peerClosed(s);
            }
            assertThat(cut || closedByServer(s)).as("drip-fed '%s' cut", start.lines().findFirst().orElse("")).isTrue();
        }
    }

    /** True when the server closed (or reset) the connection before {@link #GIVE_UP_MILLIS}; answers are read past. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(GIVE_UP_MILLIS);
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // an error answer before the close is fine
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean peerClosed(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException nothingYet) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
