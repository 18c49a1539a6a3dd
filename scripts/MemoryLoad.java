import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Load and abuse for scripts/bench-memory.sh, from loopback: catalog reads, 404s, failed logins from many
 * addresses (the server must trust 127.0.0.1 as a proxy), 1 MiB bodies, and half-sent requests. Prints one line per
 * phase with the answers' status counts. Usage: java scripts/MemoryLoad.java PORT
 */
public class MemoryLoad {
    private static final int CONCURRENCY = 200;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String big = "{\"username\": \"" + "a".repeat(1024 * 1024 - 20);  // unterminated: read whole, then refused
        phase("catalog reads", 10_000, CONCURRENCY, client, i -> HttpRequest.newBuilder(URI.create(base + "/applications")));
        phase("404s", 10_000, CONCURRENCY, client, i -> HttpRequest.newBuilder(URI.create(base + "/no-such-page-" + i)));
        phase("failed logins, 500 addresses", 3_000, CONCURRENCY, client, i -> login(base)
                .header("X-Forwarded-For", "10.77." + (i % 500) / 250 + "." + (i % 250))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"guess " + i + "\"}")));
        phase("1 MiB bodies", 1_000, 100, client, i -> login(base).POST(HttpRequest.BodyPublishers.ofString(big)));
        halfSent(port, 500, Duration.ofSeconds(5));
    }

    private static HttpRequest.Builder login(String base) {
        return HttpRequest.newBuilder(URI.create(base + "/auth/login")).header("Content-Type", "application/json");
    }

    private static void phase(String name, int requests, int concurrency, HttpClient client,
                              IntFunction<HttpRequest.Builder> request) throws InterruptedException {
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                int n = i;
                slots.acquire();
                pool.submit(() -> {
                    try {
                        HttpResponse<Void> r = client.send(request.apply(n).timeout(Duration.ofSeconds(60)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        statuses.computeIfAbsent(Integer.toString(r.statusCode()), k -> new AtomicInteger()).incrementAndGet();
                    } catch (Exception e) {
                        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
                        statuses.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        System.out.printf("  %-30s %6d requests in %5.1f s: %s%n", name, requests,
                (System.nanoTime() - start) / 1e9, new TreeMap<>(statuses));
    }

    /** Opens {@code count} connections that send half a request, holds them, then drops them. */
    private static void halfSent(int port, int count, Duration hold) throws InterruptedException {
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                Socket s = new Socket("127.0.0.1", port);
                OutputStream out = s.getOutputStream();
                out.write("GET /health HTTP/1.1\r\nHost: x\r\nX-Half: ".getBytes(StandardCharsets.ISO_8859_1));
                open.add(s);
            } catch (IOException e) {
                break;
            }
        }
        Thread.sleep(hold);
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        System.out.printf("  %-30s %6d connections held %d s%n", "half-sent requests", open.size(), hold.toSeconds());
    }
}
