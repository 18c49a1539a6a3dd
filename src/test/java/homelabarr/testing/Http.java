package homelabarr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A small HTTP/1.1 client for one test server: JSON requests with an optional bearer credential. */
public final class Http {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client;
    private final int port;

    /** What came back; {@link #json()} parses the body. */
    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** Asserts the one error shape: status, JSON, exactly {@code error} and {@code details}, both non-blank. */
        public Response assertError(int expectedStatus) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode json = json();
            assertThat(json.isObject()).as("error body %s", body).isTrue();
            Iterator<String> names = json.fieldNames();
            assertThat(names).toIterable().containsExactlyInAnyOrder("error", "details");
            assertNoLeak();
            assertThat(json.get("error").isTextual() && !json.get("error").asText().isBlank()).as(body).isTrue();
            assertThat(json.get("details").isTextual() && !json.get("details").asText().isBlank()).as(body).isTrue();
            return this;
        }

        /** Asserts that nothing internal leaks: no stack trace, exception name, SQL error, or any of {@code secrets}. */
        public Response assertNoLeak(String... secrets) {
            assertThat(body).doesNotContain("Exception", "\tat ", "at homelabarr.", "at java.", "SQLITE", "$argon2");
            for (String secret : secrets) {
                assertThat(body).doesNotContain(secret);
                headers.map().values().forEach(values -> assertThat(values.toString()).doesNotContain(secret));
            }
            return this;
        }

        public Response assertStatus(int expectedStatus) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            return this;
        }

        public String error() {
            return json().path("error").asText();
        }

        public String details() {
            return json().path("details").asText();
        }
    }

    public Http(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public int port() {
        return port;
    }

    /** The underlying client, for streaming bodies (Server-Sent Events). */
    public HttpClient client() {
        return client;
    }

    public HttpRequest.Builder request(String path, String credential) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (credential != null) {
            b.header("Authorization", "Bearer " + credential);
        }
        return b;
    }

    public Response get(String path, String credential) {
        return send(request(path, credential).GET());
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response post(String path, String credential, String json) {
        return send(withJson(request(path, credential), "POST", json));
    }

    public Response patch(String path, String credential, String json) {
        return send(withJson(request(path, credential), "PATCH", json));
    }

    public Response delete(String path, String credential) {
        return send(request(path, credential).DELETE());
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder b, String method, String json) {
        return b.header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code head} (request line and headers, CRLF-terminated, without the blank line) and then
     * {@code bodyBytes} bytes of body on a raw socket, and returns everything the server answers until it closes
     * or goes quiet. For requests the JDK client will not send, or bodies the server refuses half-way.
     */
    public String raw(String head, long bodyBytes) {
        return raw(head, bodyBytes, false);
    }

    /** Like {@link #raw(String, long)} with the body sent in 16 KiB chunks; give {@code Transfer-Encoding: chunked}. */
    public String rawChunked(String head, long bodyBytes) {
        return raw(head, bodyBytes, true);
    }

    private String raw(String head, long bodyBytes, boolean chunked) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try {
                for (long sent = 0; sent < bodyBytes; sent += chunk.length) {
                    int n = (int) Math.min(chunk.length, bodyBytes - sent);
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(chunk, 0, n);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (IOException refusedMidway) {
                // the server answered and closed before taking the whole body: read what it said
            }
            return readAll(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (isComplete(text)) {
                    break;
                }
            }
        } catch (IOException resetAfterAnswer) {
            if (text.isEmpty()) {
                throw resetAfterAnswer;
            }
        }
        return text.toString();
    }

    /** True once the headers and a Content-Length body have arrived (keep-alive servers do not close). */
    private static boolean isComplete(StringBuilder text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at);
        long length = Long.parseLong(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).strip());
        return text.length() - end - 4 >= length;
    }

    /** The status code of a raw answer. */
    public static int rawStatus(String answer) {
        assertThat(answer).startsWith("HTTP/1.1 ");
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** The body of a raw answer, parsed as JSON. */
    public static JsonNode rawJson(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        assertThat(end).as("answer has headers: %s", answer).isPositive();
        try {
            return MAPPER.readTree(answer.substring(end + 4));
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + answer, e);
        }
    }
}
