package homelabarr.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sending bodies that are already whole in memory: rendered JSON, the catalog, the dashboard's files. */
public final class Bodies {
    /**
     * Helidon's {@code send(byte[])} copies the status line, the headers and the body into one new buffer sized for
     * 256 bytes of headers. Ours are longer (security headers, ETag, Vary), so that buffer was allocated, zeroed and
     * copied again at twice the body's size: for the 118 KB catalog, a third of the server's CPU per answer
     * (profiled under wrk). From this size on the body goes through the response stream instead.
     */
    static final int STREAMED_FROM_BYTES = 16 * 1024;
    /**
     * Sent with the headers in the first write; the rest of the body is then written from the caller's array as it
     * is. Smaller than the stream's own buffer (4 KB), so that the second write bypasses that buffer.
     */
    private static final int FIRST_PART_BYTES = 1024;
    private static final Pattern GZIP_REFUSED = Pattern.compile("gzip;\\s*q=0(\\.0*)?");

    private Bodies() {
    }

    /** Sends {@code body} with a Content-Length; headers and status must be set before. */
    public static void send(ServerResponse res, byte[] body) {
        if (body.length < STREAMED_FROM_BYTES) {
            res.send(body);
            return;
        }
        res.headers().contentLength(body.length);
        try (OutputStream out = res.outputStream()) {
            out.write(body, 0, FIRST_PART_BYTES);
            out.write(body, FIRST_PART_BYTES, body.length - FIRST_PART_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code gzip} with Content-Encoding: gzip when there is one and the client takes it, {@code plain}
     * otherwise; the caller sets Vary: Accept-Encoding with its other headers.
     */
    public static void send(ServerRequest req, ServerResponse res, byte[] plain, byte[] gzip) {
        if (gzip != null && acceptsGzip(req)) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            send(res, gzip);
        } else {
            send(res, plain);
        }
    }

    /** Whether the client takes a gzip-encoded body (Accept-Encoding names gzip without q=0). */
    static boolean acceptsGzip(ServerRequest req) {
        return req.headers().first(HeaderNames.ACCEPT_ENCODING)
                .map(v -> List.of(v.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).stream()
                        .anyMatch(e -> e.equals("gzip") || e.startsWith("gzip;") && !GZIP_REFUSED.matcher(e).matches()))
                .orElse(false);
    }
}
