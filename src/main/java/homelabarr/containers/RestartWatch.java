package homelabarr.containers;

import homelabarr.docker.ContainerEvent;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.Streaming;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Notices managed containers (those with the {@code homelabarr.app} label) that keep dying: {@code threshold}
 * deaths within {@code window}, whether the engine's restart policy or someone restarts them. It follows the
 * engine's "die" events on one stream, reconnecting with backoff when the engine goes away, and tells each
 * container's loop once per window, so a crash loop makes one notification, not one per crash.
 */
public final class RestartWatch implements AutoCloseable {
    /** A container that died {@code deaths} times within {@code window}. */
    public record RestartLoop(String containerId, String name, String app, int deaths, Duration window) {
    }

    private static final System.Logger LOG = System.getLogger(RestartWatch.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Containers remembered at once; beyond it the oldest-seen are forgotten. */
    private static final int MAX_TRACKED = 1000;

    private final Engine engine;
    private final int threshold;
    private final Duration window;
    private final Consumer<RestartLoop> sink;
    private final Map<String, Deque<Instant>> deaths = new LinkedHashMap<>();  // guarded by this
    private final Map<String, Instant> told = new HashMap<>();           // guarded by this
    private final Thread thread;
    private volatile boolean closed;
    private volatile Streaming current;

    public RestartWatch(Engine engine, int threshold, Duration window, Consumer<RestartLoop> sink) {
        this.engine = engine;
        this.threshold = threshold;
        this.window = window;
        this.sink = sink;
        this.thread = Thread.ofVirtual().name("restart-watch").start(this::follow);
    }

    private void follow() {
        long backoff = 1000;
        while (!closed) {
            try {
                Streaming stream = engine.containerEvents(ContainerSummary.APP_LABEL, List.of("die"), this::onEvent);
                current = stream;
                if (closed) {
                    stream.close();
                    return;
                }
                backoff = 1000;
                while (!closed && !stream.awaitEnd(60_000)) {
                    // still following
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Cannot follow container events: " + e.getMessage());
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF.toMillis(), backoff * 2);
        }
    }

    void onEvent(ContainerEvent e) {
        RestartLoop loop = count(e);
        if (loop != null) {
            try {
                sink.accept(loop);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "A restart-loop listener failed: " + ex.getMessage());
            }
        }
    }

    private synchronized RestartLoop count(ContainerEvent e) {
        if (!deaths.containsKey(e.containerId()) && deaths.size() >= MAX_TRACKED) {
            String oldest = deaths.keySet().iterator().next();
            deaths.remove(oldest);
            told.remove(oldest);
        }
        Deque<Instant> times = deaths.computeIfAbsent(e.containerId(), id -> new ArrayDeque<>());
        times.addLast(e.time());
        Instant since = e.time().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
            times.removeFirst();
        }
        Instant last = told.get(e.containerId());
        if (times.size() < threshold || last != null && last.isAfter(since)) {
            return null;
        }
        told.put(e.containerId(), e.time());
        return new RestartLoop(e.containerId(), e.name(), e.labels().get(ContainerSummary.APP_LABEL), times.size(),
                window);
    }

    @Override
    public void close() {
        closed = true;
        Streaming stream = current;
        if (stream != null) {
            stream.close();
        }
        thread.interrupt();
    }
}
