package homelabarr.http;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.LogCapture;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that give up half-way (close mid-request or mid-response) cost the server at most one short log line
 * each, never a stack trace; a body cut short on a connection that can still answer gets a 400, never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbortedRequestsTest {
    private static final String LOGIN = "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    private TestServer server;
    private int port;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir);
        port = server.http().port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void clientsThatCloseMidRequestLeaveNoStackTraces() throws Exception {
        String[] halfSent = {
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Half: ",
                "GET /applications HTTP/1.1\r\nHo",
                LOGIN + "Content-Length: 100\r\n\r\n{\"username\": ",
                LOGIN + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"user",
        };
        int aborted = 0;
        try (LogCapture log = LogCapture.start()) {
            for (int round = 0; round < 25; round++) {
                for (String request : halfSent) {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                    }
                    aborted++;
                }
            }
            // the server handles the closes on its own threads: a request of our own after them is answered last
            awaitQuiet(log);
            assertQuiet(log, aborted);
        }
    }

    @Test
    void clientsThatResetMidResponseLeaveNoStackTraces() throws Exception {
        int aborted = 0;
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 40; i++) {
                try (Socket s = new Socket()) {
                    // a tiny window and no reading: the server's write of the catalog stalls, then meets the reset
                    s.setReceiveBufferSize(1024);
                    s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
                    s.getOutputStream().write("GET /applications HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    Thread.sleep(20);
                    s.setSoLinger(true, 0);
                }
                aborted++;
            }
            awaitQuiet(log);
            assertQuiet(log, aborted);
        }
    }

    @Test
    void aBodyCutShortIs400WhenTheConnectionCanStillAnswer() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            String shortBody = halfClosed(LOGIN + "Content-Length: 100\r\n\r\n{\"username\": \"admin\"");
            assertBadRequest(shortBody);
            String badChunk = halfClosed(LOGIN + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
            assertBadRequest(badChunk);
            String shortChunk = halfClosed(LOGIN + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"username\"");
            assertBadRequest(shortChunk);
            awaitQuiet(log);
            assertQuiet(log, 3);
        }
        server.http().get("/health").assertStatus(200);
    }

    private void assertBadRequest(String answer) {
        assertThat(Http.rawStatus(answer)).as(answer).isEqualTo(400);
        JsonNode body = Http.rawJson(answer);
        assertThat(body.get("error").asText()).isEqualTo("Incomplete request body");
        assertThat(body.get("details").asText()).isNotBlank();
        assertThat(answer).doesNotContain("Exception");
    }

    /** Sends {@code request}, closes the sending side (the body ends early) and reads the answer. */
    private String halfClosed(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Waits until the server has handled what came before: a fresh request is answered only after those. */
    private void awaitQuiet(LogCapture log) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            server.http().get("/health").assertStatus(200);
            Thread.sleep(200);
        }
    }

    private static void assertQuiet(LogCapture log, int aborted) {
        assertThat(log.records()).as("log lines").allSatisfy(r -> {
            assertThat(r.getThrown()).as("stack trace in %s", r.getMessage()).isNull();
            assertThat(LogCapture.text(r).length()).as(LogCapture.text(r)).isLessThan(200);
        });
        assertThat(log.records().size()).as("at most one line per aborted request").isLessThanOrEqualTo(aborted);
    }
}
