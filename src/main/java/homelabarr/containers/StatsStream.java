package homelabarr.containers;

import com.fasterxml.jackson.annotation.JsonInclude;
import homelabarr.errors.Refused;
import homelabarr.http.ApiException;
import homelabarr.http.Json;
import homelabarr.http.SseStream;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /** One {@code stats} event: every running container's figures, or why there are none this time. */
    record Frame(List<Entry> data, Integer total, String error, String details, Instant at) {
    }

    /** One container's figures; app and stats are written even when null (not an app's, no figures yet). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Entry(String id, String name, String app, ContainerStats stats) {
    }

    private String snapshot() {
        Frame frame;
        try {
            List<Entry> data = listing.list(c -> c.running(), true).stream()
                    .map(c -> new Entry(c.id(), c.name(), c.app(), c.stats())).toList();
            frame = new Frame(data, data.size(), null, null, clock.instant());
        } catch (Refused e) {
            frame = new Frame(null, null, e.error(), e.details(), clock.instant());
        } catch (ApiException e) {
            frame = new Frame(null, null, e.error(), e.details(), clock.instant());
        }
        return new String(json.bytes(frame), StandardCharsets.UTF_8);
    }
}
