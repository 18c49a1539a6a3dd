package homelabarr.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Server-Sent Events response written by hand: {@code id:}, {@code event:} and {@code data:} lines, flushed per
 * event so each reaches the client at once (plain curl works). Proxies are told not to buffer; comments serve as
 * heartbeats. A write that fails means the client is gone: it always surfaces as an {@link IOException}, whatever
 * the server's connection layer threw, so callers need to catch one type and stop producing.
 */
public final class SseStream implements AutoCloseable {
    private final OutputStream out;

    public SseStream(OutputStream out) {
        this.out = out;
    }

    /** Sends the SSE headers and returns the stream to write events to. */
    public static SseStream open(ServerResponse res) {
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");  // as every other answer; implies no-cache
        res.header("X-Accel-Buffering", "no");
        return new SseStream(res.outputStream());
    }

    /** One event; {@code id} and {@code name} may be null. Multi-line data becomes several data lines. */
    public void event(String id, String name, String data) throws IOException {
        send(frame(id, name, data));
    }

    /** An event's bytes on the wire, rendered once where many streams send the same event. */
    public static byte[] frame(String id, String name, String data) {
        StringBuilder text = new StringBuilder();
        if (id != null) {
            text.append("id: ").append(singleLine(id)).append('\n');
        }
        if (name != null) {
            text.append("event: ").append(singleLine(name)).append('\n');
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An event rendered by {@link #frame}. */
    public void send(byte[] frame) throws IOException {
        send(List.of(frame));
    }

    /**
     * Events rendered by {@link #frame}, flushed once after the last: a subscriber that joins late or reconnects
     * gets its backlog in one write instead of one write per event.
     */
    public void send(List<byte[]> frames) throws IOException {
        try {
            for (byte[] frame : frames) {
                out.write(frame);
            }
            out.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            // the server's connection layer reports a closed socket in its own exception types
            throw new IOException("the event stream is closed", e);
        }
    }

    /**
     * A comment line, ignored by clients; {@code comment("heartbeat")} keeps idle connections open and reveals a
     * departed client. Sent right after {@link #open} it also flushes the headers, so the client sees the 200 before
     * the first event, which may take a while.
     */
    public void comment(String text) throws IOException {
        write(": " + singleLine(text) + "\n\n");
    }

    /** Tells clients how long to wait before reconnecting. */
    public void retry(long millis) throws IOException {
        write("retry: " + millis + "\n\n");
    }

    private void write(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String singleLine(String text) {
        return text.replaceAll("[\r\n]", " ");
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // the client is gone already
        }
    }
}
