package homelabarr.containers;

import homelabarr.docker.ContainerSummary;
import homelabarr.docker.StatsFrames;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place that reads stats from the engine, shared by every client. A one-shot stats request costs up to a
 * second per container (the engine answers after its next 1 s collection pass), so while anyone asks for stats we
 * hold one stream per running container instead and serve every request from the latest frame in memory:
 * <ul>
 * <li>the first request for a container opens its stream and waits (up to {@code firstFrameWait}, for all of them
 * together) for its second frame, the first with {@code precpu}, so it gets a CPU figure; later requests never wait;</li>
 * <li>however many clients ask, a container has at most one stream ({@link #engineRequests()} counts opens);</li>
 * <li>a stream ends when its container stops, when a full listing no longer shows it running ({@link #retain}), and
 * for all of them once no request came for {@code quietPeriod}: an idle server costs the engine nothing;</li>
 * <li>at most {@code maxStreams} are open; containers beyond are answered without stats (null) until streams end.</li>
 * </ul>
 */
final class StatsCollector implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StatsCollector.class.getName());

    /** Opens a container's stats stream; the engine's, or a fake in tests. */
    @FunctionalInterface
    interface Source {
        StatsFrames open(String id) throws IOException;
    }

    private final Source source;
    private final Duration firstFrameWait;
    private final long quietNanos;
    private final int maxStreams;
    private final Semaphore slots;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("stats-stream-", 0).factory());
    private final Map<String, StatsFeed> feeds = new ConcurrentHashMap<>();
    /** Names and apps of the containers with a stream, as the last listing showed them. */
    private final Map<String, ContainerSummary> described = new ConcurrentHashMap<>();
    private final AtomicLong engineRequests = new AtomicLong();
    private final AtomicLong lastDemand = new AtomicLong(System.nanoTime());
    private final AtomicInteger asking = new AtomicInteger();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param firstFrameWait how long a request waits for streams it opened to deliver CPU figures
     * @param quietPeriod    all streams close when no stats request came for this long
     * @param maxStreams     most streams open at once
     */
    StatsCollector(Source source, Duration firstFrameWait, Duration quietPeriod, int maxStreams) {
        this.source = source;
        this.firstFrameWait = firstFrameWait;
        this.quietNanos = quietPeriod.toNanos();
        this.maxStreams = maxStreams;
        this.slots = new Semaphore(maxStreams);
    }

    /** Streams opened since start: N polling clients must not multiply it. */
    long engineRequests() {
        return engineRequests.get();
    }

    /** Streams whose thread still runs; 0 once quiet or closed. */
    int openStreams() {
        return maxStreams - slots.availablePermits();
    }

    /** Latest figures of the given running containers, opening streams for new ones; null where there are none. */
    Map<String, ContainerStats> stats(Collection<String> ids) {
        asking.incrementAndGet();
        try {
            return read(ids);
        } finally {
            lastDemand.set(System.nanoTime());  // the quiet period starts when the last answer went out
            asking.decrementAndGet();
        }
    }

    private Map<String, ContainerStats> read(Collection<String> ids) {
        Map<String, StatsFeed> wanted = new HashMap<>();
        for (String id : ids) {
            StatsFeed feed = closed ? null : feeds.computeIfAbsent(id, this::start);
            if (feed != null) {
                wanted.put(id, feed);
            }
        }
        await(wanted.values().stream().map(StatsFeed::ready).filter(r -> !r.isDone()).toList());
        Map<String, ContainerStats> result = new HashMap<>();
        for (String id : ids) {
            StatsFeed feed = wanted.get(id);
            result.put(id, feed == null ? null : feed.latest());
        }
        return result;
    }

    /** Notes the names and apps of listed running containers, for {@link #figures()}. */
    void describe(Collection<ContainerSummary> running) {
        for (ContainerSummary c : running) {
            if (feeds.containsKey(c.id())) {
                described.put(c.id(), c);
            }
        }
    }

    /**
     * The latest figures of every open stream, as they are in memory: no engine call, no wait, and no demand noted,
     * so reading them does not keep streams open.
     */
    List<ContainerFigures> figures() {
        List<ContainerFigures> all = new ArrayList<>();
        feeds.forEach((id, feed) -> {
            ContainerStats stats = feed.latest();
            if (stats != null) {
                ContainerSummary c = described.get(id);
                all.add(new ContainerFigures(id, c == null ? null : c.name(), c == null ? null : c.app(), stats));
            }
        });
        return all;
    }

    /** Closes the streams of containers a full listing no longer shows running (stopped or removed). */
    void retain(Set<String> running) {
        feeds.forEach((id, feed) -> {
            if (!running.contains(id)) {
                feed.close();
            }
        });
    }

    /** Runs inside {@code computeIfAbsent}: only starts a thread, so the map's lock is held for microseconds. */
    private StatsFeed start(String id) {
        if (!slots.tryAcquire()) {
            if (!warnedFull.getAndSet(true)) {
                LOG.log(System.Logger.Level.WARNING, "More than " + maxStreams + " running containers asked for stats;"
                        + " those beyond are listed without stats until other streams end");
            }
            return null;
        }
        StatsFeed feed = new StatsFeed(id);
        try {
            threads.execute(() -> {
                try {
                    engineRequests.incrementAndGet();
                    feed.run(source, this::quiet);
                } finally {
                    feeds.remove(id, feed);
                    if (!feeds.containsKey(id)) {
                        described.remove(id);
                    }
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();  // closing: no new streams
            return null;
        }
        return feed;
    }

    /** True when streams should end: never while a request waits for them, even if that takes the whole period. */
    private boolean quiet() {
        return closed || asking.get() == 0 && System.nanoTime() - lastDemand.get() > quietNanos;
    }

    private void await(List<CompletableFuture<Void>> readies) {
        if (readies.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(readies.toArray(CompletableFuture[]::new))
                    .get(firstFrameWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // answer with what arrived; slow streams keep running and serve the next request
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends every stream and waits for their threads, so a stopped App leaves nothing running. */
    @Override
    public void close() {
        closed = true;
        threads.shutdown();
        feeds.values().forEach(StatsFeed::close);
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Stats streams did not end within 5 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
