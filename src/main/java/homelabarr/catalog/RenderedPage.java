package homelabarr.catalog;

import homelabarr.http.Bodies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A catalog answer rendered once: its JSON bytes, their ETag and a gzip copy, sent as they are to every client that
 * asks until the catalog or the deploy policy changes. Rendering and hashing the 120 KB list on every request cost
 * more CPU than everything else a request does.
 */
record RenderedPage(byte[] body, String etag, byte[] gzip) {
    /** Below this, gzip saves less than its own overhead. */
    private static final int GZIP_FROM_BYTES = 1024;

    static RenderedPage of(byte[] body) {
        return new RenderedPage(body, "\"" + digest(body) + "\"", body.length >= GZIP_FROM_BYTES ? gzip(body) : null);
    }

    /** Answers 304 when the client already has this exact body (the catalog changes rarely; it is polled often). */
    void send(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.VARY, "Accept-Encoding");
        boolean fresh = req.headers().first(HeaderNames.IF_NONE_MATCH)
                .map(h -> h.equals("*") || List.of(h.split("\\s*,\\s*")).contains(etag) || h.equals("W/" + etag))
                .orElse(false);
        if (fresh) {
            res.status(304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        Bodies.send(req, res, body, gzip);
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
