package homelabarr.containers;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import homelabarr.docker.ContainerRef;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineErrors;
import homelabarr.http.Json;
import homelabarr.http.SseStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
        try (Feed feed = new Feed(assembler, () -> { })) {
            command(c, q, false).exec(feed);
            if (!feed.awaitCompletion(READ_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                feed.close();
            }
            synchronized (feed) {
                return List.copyOf(lines);
            }
        } catch (IOException e) {
            throw EngineErrors.toApi(new UncheckedIOException(e), "read the logs of " + c.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (RuntimeException e) {
            throw EngineErrors.toApi(e, "read the logs of " + c.name());
        }
    }

    /**
     * Sends the tail, then every new line as an SSE {@code log} event, until the container stops ({@code end} event),
     * the client leaves (a write fails) or the server shuts down. The docker stream is closed in every case.
     */
    void follow(ContainerRef c, LogQuery q, SecretMask mask, SseStream sse, CountDownLatch shutdown)
            throws IOException {
        BlockingQueue<LogEntry> queue = new LinkedBlockingQueue<>(LogQuery.MAX_TAIL);
        AtomicBoolean stopped = new AtomicBoolean();
        LogLines assembler = new LogLines(q.readTimestamps(), entry -> {
            if (q.wanted(entry)) {
                offer(queue, q.shown(mask.apply(entry)), stopped);
            }
        });
        Feed feed = new Feed(assembler, () -> offer(queue, END, stopped));
        try {
            command(c, q, true).exec(feed);
            long seq = 0;
            long nextPing = System.nanoTime() + PING_EVERY.toNanos();
            while (shutdown.getCount() > 0) {
                LogEntry entry = queue.poll(Math.min(1_000_000_000L, Math.max(0, nextPing - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
                if (entry == END) {
                    sse.event(Long.toString(++seq), "end", text(Map.of("reason", "The container's log stream ended")));
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
            feed.close();
        }
    }

    private String text(Object value) {
        return new String(json.bytes(value), StandardCharsets.UTF_8);
    }

    /** Blocks the docker reader while the client is slow (back-pressure), but never once the follower gave up. */
    private static void offer(BlockingQueue<LogEntry> queue, LogEntry entry, AtomicBoolean stopped) {
        try {
            while (!stopped.get() && !queue.offer(entry, 200, TimeUnit.MILLISECONDS)) {
                // wait for the writer
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LogContainerCmd command(ContainerRef c, LogQuery q, boolean follow) {
        LogContainerCmd cmd = engine.client().logContainerCmd(c.id())
                .withStdOut(true).withStdErr(true)
                .withTimestamps(q.readTimestamps())
                .withTail(q.tail())
                .withFollowStream(follow);
        return q.sinceSeconds() == null ? cmd : cmd.withSince(q.sinceSeconds());
    }

    /** Feeds frames to the assembler on docker-java's thread; copies nothing, since the payload is read at once. */
    private static final class Feed extends ResultCallback.Adapter<Frame> {
        private final LogLines assembler;
        private final Runnable atEnd;

        Feed(LogLines assembler, Runnable atEnd) {
            this.assembler = assembler;
            this.atEnd = atEnd;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            assembler.accept(frame.getStreamType(), frame.getPayload(), frame.getPayload().length);
        }

        @Override
        public void onComplete() {
            synchronized (this) {
                assembler.finish();
            }
            atEnd.run();
            super.onComplete();
        }

        @Override
        public void onError(Throwable error) {
            synchronized (this) {
                assembler.finish();
            }
            atEnd.run();
            super.onError(error);
        }
    }
}
