package homelabarr.updates;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry with the Bearer token flow, on a loopback port: its {@code /v2/} answers 401 with a {@code Bearer}
 * challenge unless a token it issued comes along, its {@code /token} issues tokens to {@code user:password} (Basic),
 * and with a token every request is passed on to the real local registry. Counts and records what it is asked;
 * {@link #limit} makes it answer 429 with a Retry-After instead.
 */
final class TokenFront implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient upstream = HttpClient.newHttpClient();
    private final String upstreamBase;
    private final String login;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> tokenQueries = new CopyOnWriteArrayList<>();
    private final List<String> registryRequests = new CopyOnWriteArrayList<>();
    private volatile int limitedSeconds = -1;

    TokenFront(String upstreamBase, String user, String password) throws IOException {
        this.upstreamBase = upstreamBase;
        this.login = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int tokensIssued() {
        return issued.get();
    }

    List<String> tokenQueries() {
        return tokenQueries;
    }

    /** "METHOD path" of every registry request that carried a valid token. */
    List<String> registryRequests() {
        return registryRequests;
    }

    void limit(int retryAfterSeconds) {
        limitedSeconds = retryAfterSeconds;
    }

    private void token(HttpExchange ex) throws IOException {
        tokenQueries.add(ex.getRequestURI().getRawQuery());
        if (!login.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", null);
            return;
        }
        send(ex, 200, "{\"token\":\"tok-" + issued.incrementAndGet() + "\",\"expires_in\":300}", null);
    }

    private void registry(HttpExchange ex) throws IOException {
        if (limitedSeconds >= 0) {
            ex.getResponseHeaders().add("Retry-After", Integer.toString(limitedSeconds));
            send(ex, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}", null);
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.matches("Bearer tok-\\d+") || Integer.parseInt(auth.substring(11)) > issued.get()) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                    + "/token\",service=\"test-front\",scope=\"repository:test/busybox:pull\"");
            send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", null);
            return;
        }
        registryRequests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(upstreamBase + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            String accept = ex.getRequestHeaders().getFirst("Accept");
            if (accept != null) {
                req.header("Accept", accept);
            }
            HttpResponse<String> res = upstream.send(req.build(), HttpResponse.BodyHandlers.ofString());
            send(ex, res.statusCode(), ex.getRequestMethod().equals("HEAD") ? null : res.body(),
                    res.headers().firstValue("Docker-Content-Digest").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(ex, 502, "", null);
        }
    }

    private static void send(HttpExchange ex, int status, String body, String digest) throws IOException {
        if (digest != null) {
            ex.getResponseHeaders().add("Docker-Content-Digest", digest);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, body == null ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
