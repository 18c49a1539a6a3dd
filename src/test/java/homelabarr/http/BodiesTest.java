package homelabarr.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Bodies#send}: bodies on both sides of the size from which they are streamed arrive whole, with their
 * Content-Length (never chunked, never encoded by the web server, as a browser's Accept-Encoding could make it if an
 * encoder were on the class path), and the connection stays usable for the next request. Read off a raw socket, so
 * that the framing itself is what is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodiesTest {
    private WebServer server;

    @BeforeAll
    void start() {
        HttpRouting.Builder routing = HttpRouting.builder().get("/bytes/{size}", (req, res) -> {
            int size = Integer.parseInt(req.path().pathParameters().get("size"));
            res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
            // headers longer than the 256 bytes Helidon's own buffer is sized for, as every answer of ours has
            res.header("X-Padding", "p".repeat(300));
            Bodies.send(res, body(size));
        }).get("/takes-gzip", (req, res) -> res.send(String.valueOf(Bodies.acceptsGzip(req))));
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 1025, Bodies.STREAMED_FROM_BYTES - 1, Bodies.STREAMED_FROM_BYTES,
            Bodies.STREAMED_FROM_BYTES + 1, 118_412, 3 * 1024 * 1024})
    void aBodyArrivesWholeWithItsLengthAndTheConnectionIsKept(int size) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int round = 0; round < 2; round++) {
                out.write(("GET /bytes/" + size + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Accept-Encoding: gzip, deflate, br\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Map<String, String> headers = readHead(in);
                assertThat(headers).containsEntry(":status", "HTTP/1.1 200 OK")
                        .containsEntry("content-length", String.valueOf(size))
                        .doesNotContainKey("transfer-encoding").doesNotContainKey("content-encoding");
                byte[] received = new byte[size];
                in.readFully(received);
                assertThat(received).isEqualTo(body(size));
            }
        }
    }

    @Test
    void gzipIsTakenWhenNamedAndNotRefused() throws Exception {
        assertThat(accepts("gzip, deflate")).isTrue();
        assertThat(accepts("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(accepts("gzip;q=0")).isFalse();
        assertThat(accepts("gzip;q=0.000")).isFalse();
        assertThat(accepts("deflate, br")).isFalse();
        assertThat(accepts("x-gzip")).isFalse();
    }

    private boolean accepts(String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/takes-gzip"))
                .header("Accept-Encoding", acceptEncoding).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return Boolean.parseBoolean(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        }
    }

    private static byte[] body(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static Map<String, String> readHead(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String line = readLine(in);
        headers.put(":status", line);
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertThat(b).as("the answer ended inside its head").isNotEqualTo(-1);
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
