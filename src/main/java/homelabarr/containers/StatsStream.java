package homelabarr.containers;

import homelabarr.http.ApiException;
import homelabarr.http.Json;
import homelabarr.http.SseStream;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /stream/stats}: a {@code stats} event with every running container's figures every few seconds. All
 * streams read through the shared collector, so a hundred open dashboards cost the engine what one costs.
 */
final class StatsStream {
    private static final Duration PING_EVERY = Duration.ofSeconds(15);
    private final ContainerListing listing;
    private final Json json;
    private final Clock clock;
    private final Duration interval;
    private final CountDownLatch shutdown;
    private final AtomicInteger open = new AtomicInteger();

    StatsStream(ContainerListing listing, Json json, Clock clock, Duration interval, CountDownLatch shutdown) {
        this.listing = listing;
        this.json = json;
        this.clock = clock;
        this.interval = interval;
        this.shutdown = shutdown;
    }

    /** Streams currently open; lets tests see that a departed client's stream ended. */
    int open() {
        return open.get();
    }

    void serve(ServerResponse res) throws IOException, InterruptedException {
        open.incrementAndGet();
        try (SseStream sse = SseStream.open(res)) {
            sse.comment("connected");
            long seq = 0;
            long nextPing = System.nanoTime() + PING_EVERY.toNanos();
            while (shutdown.getCount() > 0) {
                sse.event(Long.toString(++seq), "stats", snapshot());
                if (System.nanoTime() >= nextPing) {
                    sse.comment("ping");
                    nextPing = System.nanoTime() + PING_EVERY.toNanos();
                }
                if (shutdown.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client left: nothing to answer to
        } finally {
            open.decrementAndGet();
        }
    }

    private String snapshot() {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            List<Map<String, Object>> data = listing.list(c -> c.running(), true).stream().map(StatsStream::entry).toList();
            body.put("data", data);
            body.put("total", data.size());
        } catch (ApiException e) {
            body.put("error", e.error());
            body.put("details", e.details());
        }
        body.put("at", clock.instant());
        return new String(json.bytes(body), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> entry(ContainerView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("app", c.app());
        m.put("stats", c.stats());
        return m;
    }
}
