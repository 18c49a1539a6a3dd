package homelabarr.deploy.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Live fan-out of running deployments' events. The deployment publishes each event once; any number of progress
 * streams read the same in-memory list at their own pace, so subscribers cost no extra work for the producer,
 * the engine or the database. A topic holds a deployment's whole history while it runs; once it ends, streams
 * read the stored events instead.
 */
public final class EventHub {
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();

    public Topic open(String deploymentId) {
        return topics.computeIfAbsent(deploymentId, id -> new Topic());
    }

    Optional<Topic> live(String deploymentId) {
        return Optional.ofNullable(topics.get(deploymentId));
    }

    /** Ends the topic: readers drain what is left and stop. */
    public void end(String deploymentId) {
        Topic topic = topics.remove(deploymentId);
        if (topic != null) {
            topic.end();
        }
    }

    /** At shutdown: every open stream ends so the server can stop. */
    public void endAll() {
        List.copyOf(topics.keySet()).forEach(this::end);
    }

    /**
     * One deployment's events, each with its SSE frame rendered once at publish time: five hundred subscribers
     * write the same bytes instead of formatting the event five hundred times. Publishing replaces the list (a
     * deployment has at most a few hundred events) and completes the current {@code changed} future. Readers never
     * take a lock: with a lock and a condition, the five hundred readers one signal woke had to take the lock again
     * one after another before they could write (with 500 subscribers, publication to write took 8 ms at the median
     * while a write itself took 10 µs; docs/benchmarks.md, fourth round).
     */
    static final class Topic {
        private final ReentrantLock publishing = new ReentrantLock();
        private volatile List<Frame> frames = List.of();
        private volatile boolean ended;
        /** Completed, and replaced, whenever {@code frames} or {@code ended} changes. */
        private volatile CompletableFuture<Void> changed = new CompletableFuture<>();

        void publish(StoredEvent event) {
            Frame frame = new Frame(event, event.sseFrame());
            publishing.lock();
            try {
                List<Frame> next = new ArrayList<>(frames.size() + 1);
                next.addAll(frames);
                next.add(frame);
                frames = List.copyOf(next);
                wakeReaders();
            } finally {
                publishing.unlock();
            }
        }

        void end() {
            publishing.lock();
            try {
                ended = true;
                wakeReaders();
            } finally {
                publishing.unlock();
            }
        }

        /** The sequence number of the latest event published here; 0 before the first. */
        long lastSeq() {
            List<Frame> all = frames;
            return all.isEmpty() ? 0 : all.get(all.size() - 1).event().seq();
        }

        private void wakeReaders() {
            CompletableFuture<Void> woken = changed;
            changed = new CompletableFuture<>();
            woken.complete(null);
        }

        /**
         * Events after {@code seq}, waiting up to {@code wait} for one to arrive. An empty batch with
         * {@code ended} false means the wait ran out (time for a heartbeat).
         */
        Batch after(long seq, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                // read in the reverse order of the writes: a reader that sees the old list also holds the future
                // its change completes, and an end is published after the last event
                CompletableFuture<Void> next = changed;
                boolean over = ended;
                List<Frame> fresh = newer(frames, seq);
                long left = deadline - System.nanoTime();
                if (!fresh.isEmpty() || over || left <= 0) {
                    return new Batch(fresh, over && fresh.isEmpty());
                }
                try {
                    next.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // the loop answers with an empty batch
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a topic's change signal never fails", e);
                }
            }
        }

        private static List<Frame> newer(List<Frame> all, long seq) {
            // seq numbers are dense from 1, so the position is known; fall back to a scan if they are not
            int from = (int) Math.min(seq, all.size());
            while (from > 0 && all.get(from - 1).event().seq() > seq) {
                from--;
            }
            return all.subList(from, all.size());
        }
    }

    /** An event and its SSE frame, as every subscriber sends it. */
    record Frame(StoredEvent event, byte[] bytes) {
    }

    /** {@code ended}: nothing more will come. */
    record Batch(List<Frame> events, boolean ended) {
    }
}
