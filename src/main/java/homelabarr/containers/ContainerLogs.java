package homelabarr.containers;

import homelabarr.docker.ContainerRef;
import homelabarr.docker.Engine;
import homelabarr.docker.LogOptions;
import homelabarr.docker.LogSink;
import homelabarr.docker.Streaming;
import homelabarr.http.Json;
import homelabarr.http.SseStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a container's logs, once ({@link #read}) or following new lines as SSE ({@link #follow}), with the
 * container's secrets masked in every line (see {@link LogSecrets}).
 */
final class ContainerLogs {
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);
    private static final Duration PING_EVERY = Duration.ofSeconds(15);
    private static final LogEntry END = new LogEntry("end", "", null, null);

    private final Engine engine;
    private final LogSecrets secrets;
    private final Json json;
    private final AtomicInteger following = new AtomicInteger();

    ContainerLogs(Engine engine, LogSecrets secrets, Json json) {
        this.engine = engine;
        this.secrets = secrets;
        this.json = json;
    }

    /** What {@link #follow} masks; asked for before the event stream opens, so a failure is still a JSON error. */
    SecretMask maskFor(ContainerRef c) {
        return secrets.of(c);
    }

    /** The last {@code tail} lines (and those since {@code since}), in the order the engine logged them. */
    List<LogEntry> read(ContainerRef c, LogQuery q) {
        SecretMask mask = secrets.of(c);
        List<LogEntry> lines = new ArrayList<>();
        LogLines assembler = new LogLines(q.readTimestamps(), entry -> {
            if (q.wanted(entry)) {
                lines.add(q.shown(mask.apply(entry)));
            }
        });
        try (Streaming stream = engine.logs(c.id(), options(q, false), new Feed(assembler, () -> { }))) {
            stream.awaitEnd(READ_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        synchronized (assembler) {
            return List.copyOf(lines);
        }
    }

    /**
     * Sends the tail, then every new line as an SSE {@code log} event, until the container stops ({@code end} event),
     * the client leaves (a write fails) or the server shuts down. The engine's stream is closed in every case.
     */
    /** Clients following a container's log now. */
    int following() {
        return following.get();
    }

    void follow(ContainerRef c, LogQuery q, SecretMask mask, SseStream sse, CountDownLatch shutdown)
            throws IOException {
        following.incrementAndGet();
        try {
            followLines(c, q, mask, sse, shutdown);
        } finally {
            following.decrementAndGet();
        }
    }

    private void followLines(ContainerRef c, LogQuery q, SecretMask mask, SseStream sse, CountDownLatch shutdown)
            throws IOException {
        BlockingQueue<LogEntry> queue = new LinkedBlockingQueue<>(LogQuery.MAX_TAIL);
        AtomicBoolean stopped = new AtomicBoolean();
        LogLines assembler = new LogLines(q.readTimestamps(), entry -> {
            if (q.wanted(entry)) {
                offer(queue, q.shown(mask.apply(entry)), stopped);
            }
        });
        Streaming stream = engine.logs(c.id(), options(q, true), new Feed(assembler, () -> offer(queue, END, stopped)));
        try {
            long seq = 0;
            long nextPing = System.nanoTime() + PING_EVERY.toNanos();
            while (shutdown.getCount() > 0) {
                LogEntry entry = queue.poll(Math.min(1_000_000_000L, Math.max(0, nextPing - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
                if (entry == END) {
                    sse.event(Long.toString(++seq), "end", text(new Ended("The container's log stream ended")));
                    return;
                }
                if (entry != null) {
                    sse.event(Long.toString(++seq), "log", text(entry));
                }
                if (System.nanoTime() >= nextPing) {
                    sse.comment("ping");
                    nextPing = System.nanoTime() + PING_EVERY.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.set(true);
            stream.close();
        }
    }

    /** The last event of a followed log: why it ended. */
    record Ended(String reason) {
    }

    private String text(Object value) {
        return new String(json.bytes(value), StandardCharsets.UTF_8);
    }

    /** Blocks the engine's reader while the client is slow (back-pressure), but never once the follower gave up. */
    private static void offer(BlockingQueue<LogEntry> queue, LogEntry entry, AtomicBoolean stopped) {
        try {
            while (!stopped.get() && !queue.offer(entry, 200, TimeUnit.MILLISECONDS)) {
                // wait for the writer
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static LogOptions options(LogQuery q, boolean follow) {
        return new LogOptions(follow, q.tail(), q.sinceSeconds(), q.readTimestamps());
    }

    /** Feeds the engine's chunks to the assembler on the engine's thread, one at a time. */
    private record Feed(LogLines assembler, Runnable atEnd) implements LogSink {
        @Override
        public void chunk(boolean stderr, byte[] payload, int length) {
            synchronized (assembler) {
                assembler.accept(stderr, payload, length);
            }
        }

        @Override
        public void end() {
            synchronized (assembler) {
                assembler.finish();
            }
            atEnd.run();
        }
    }
}
