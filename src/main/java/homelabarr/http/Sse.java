package homelabarr.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events stream written by hand on the response's output stream: each event is flushed at once, and a
 * failed write means the client left, which the caller learns as an {@link IOException} and stops.
 */
public final class Sse implements AutoCloseable {
    private final OutputStream out;

    private Sse(OutputStream out) {
        this.out = out;
    }

    /** Sends the headers; after this the response can only carry events. */
    public static Sse open(ServerResponse res) throws IOException {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("X-Accel-Buffering", "no");  // reverse proxies (nginx) must not hold events back
        Sse sse = new Sse(res.outputStream());
        sse.write(": connected\n\n");
        return sse;
    }

    /** One event; multi-line data becomes several {@code data:} lines, as the format requires. */
    public void event(String name, long id, String data) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("event: ").append(name).append('\n');
        text.append("id: ").append(id).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        write(text.append('\n').toString());
    }

    /** A comment line clients ignore; keeps proxies from closing an idle stream and reveals a departed client. */
    public void ping() throws IOException {
        write(": ping\n\n");
    }

    private void write(String text) throws IOException {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            // the server's connection layer reports a closed socket in its own exception types
            throw new IOException("the event stream is closed", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException | UncheckedIOException e) {
            // the client is gone already
        }
    }
}
