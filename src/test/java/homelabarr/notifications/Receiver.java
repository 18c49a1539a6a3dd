package homelabarr.notifications;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import homelabarr.testing.Await;

/**
 * A real HTTP server on loopback standing in for a webhook endpoint, an ntfy, Gotify or Discord server: it keeps
 * every request and answers with the statuses queued by {@link #answer} (then 200, or 204 for Discord-like use).
 */
public final class Receiver implements AutoCloseable {
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final int normal;

    public Receiver(int normalStatus) {
        this.normal = normalStatus;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? normal : statuses.removeFirst();
            }
            byte[] body = status == 204 ? new byte[0] : "{\"answer\":\"status %d\"}".formatted(status)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, status == 204 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The next requests get these statuses, in order. */
    public Receiver answer(int... next) {
        synchronized (statuses) {
            for (int s : next) {
                statuses.addLast(s);
            }
        }
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request awaitRequest(int count, Duration within) {
        Await.until(count + " request(s) at the receiver", within, () -> requests.size() >= count);
        return requests.get(count - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
