package homelabarr.web;

import homelabarr.http.Bodies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The built web dashboard inside the jar ({@code /web/index.html} and hashed files in {@code /web/assets/}, put
 * there by the Maven build from {@code frontend/}). {@code index.html} is revalidated on every visit so a new
 * release shows at once; assets have content hashes in their names, so browsers keep them for a year.
 */
public final class Dashboard {
    /** The page may load and call only this server; no inline script, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final String ROOT = "/web/";
    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2",
            "json", "application/json", "txt", "text/plain; charset=utf-8", "map", "application/json");

    private record Asset(byte[] plain, byte[] gzip, String type) {
    }

    private final Optional<byte[]> index;
    private final String indexTag;
    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    public Dashboard() {
        this.index = Optional.ofNullable(resource(ROOT + "index.html"));
        this.indexTag = index.map(bytes -> "\"" + digest(bytes) + "\"").orElse("");
    }

    /** False when the jar was built without the dashboard: then {@code /} keeps answering the JSON index. */
    public boolean available() {
        return index.isPresent();
    }

    /** Sends {@code index.html}, or 304 when the browser's copy is current. */
    void sendIndex(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.ETAG, indexTag);
        res.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        res.header(HeaderNames.VARY, "Accept");
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).filter(indexTag::equals).isPresent()) {
            res.status(304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        Bodies.send(res, index.orElseThrow());
    }

    /** Sends {@code /assets/<name>} (gzipped when the build made a .gz copy and the client takes it); false if none. */
    boolean sendAsset(ServerRequest req, ServerResponse res, String name) {
        if (!ASSET_NAME.matcher(name).matches() || name.endsWith(".gz")) {
            return false;
        }
        Optional<Asset> asset = assets.computeIfAbsent(name, Dashboard::load);
        if (asset.isEmpty()) {
            return false;
        }
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
        res.header(HeaderNames.CONTENT_TYPE, asset.get().type());
        res.header(HeaderNames.VARY, "Accept-Encoding");
        Bodies.send(req, res, asset.get().plain(), asset.get().gzip());
        return true;
    }

    private static Optional<Asset> load(String name) {
        byte[] plain = resource(ROOT + "assets/" + name);
        if (plain == null) {
            return Optional.empty();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return Optional.of(new Asset(plain, resource(ROOT + "assets/" + name + ".gz"),
                TYPES.getOrDefault(extension, "application/octet-stream")));
    }

    private static byte[] resource(String path) {
        try (InputStream in = Dashboard.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + " from the jar", e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
