package homelabarr.containers;

import homelabarr.docker.RawStats;
import homelabarr.docker.StatsFrames;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * One container's stats stream, read on its own virtual thread: every frame replaces the figures clients are served.
 * The thread ends, and closes the stream, when the container stops (the engine then sends placeholder frames), the
 * stream breaks, the collector closes it, or demand went quiet (checked after each frame, i.e. about every second).
 */
final class StatsFeed {
    private static final System.Logger LOG = System.getLogger(StatsFeed.class.getName());

    private final String id;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile ContainerStats latest;
    private StatsFrames frames;    // guarded by this; null until opened
    private boolean closed;        // guarded by this

    StatsFeed(String id) {
        this.id = id;
    }

    /** The figures of the latest frame; null before the first. Their CPU % is null until the second frame. */
    ContainerStats latest() {
        return latest;
    }

    /** Completes with the first frame that carries a CPU figure, or when the stream ends without one. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** The thread's body: opens the stream and reads it until one of the reasons to stop above. */
    void run(StatsCollector.Source source, BooleanSupplier quiet) {
        try {
            if (!attach(source.open(id))) {
                return;
            }
            Optional<RawStats> frame;
            while ((frame = frames().next()).isPresent()) {
                // precpu is the previous frame's cpu, so CPU % covers the engine's last 1 s pass, as docker stats
                ContainerStats stats = StatsMath.compute(frame.get());
                latest = stats;
                if (stats.cpuPercent() != null) {
                    ready.complete(null);
                }
                if (quiet.getAsBoolean()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                LOG.log(System.Logger.Level.DEBUG, "A container's stats stream broke: " + e.getMessage());
            }
        } finally {
            close();
            ready.complete(null);
        }
    }

    /** Keeps the opened stream, unless the feed was closed while it opened: then it is closed at once. */
    private synchronized boolean attach(StatsFrames opened) {
        if (closed) {
            opened.close();
            return false;
        }
        frames = opened;
        return true;
    }

    private synchronized StatsFrames frames() {
        return frames;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the stream from any thread; the reading thread's blocked read fails and it finishes. */
    synchronized void close() {
        closed = true;
        if (frames != null) {
            frames.close();
        }
    }
}
