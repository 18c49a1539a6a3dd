package homelabarr.deploy.events;

import homelabarr.http.SseStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
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
     * write the same bytes instead of formatting the event five hundred times. Readers take the published list
     * without the lock when something new is there, and only wait under it; publishing replaces the list (a
     * deployment has at most a few hundred events).
     */
    static final class Topic {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private volatile List<Frame> frames = List.of();
        private volatile boolean ended;

        void publish(StoredEvent event) {
            Frame frame = new Frame(event, SseStream.frame(Long.toString(event.seq()), event.type(), event.data()));
            lock.lock();
            try {
                List<Frame> next = new ArrayList<>(frames.size() + 1);
                next.addAll(frames);
                next.add(frame);
                frames = List.copyOf(next);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void end() {
            lock.lock();
            try {
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Events after {@code seq}, waiting up to {@code wait} for one to arrive. An empty batch with
         * {@code ended} false means the wait ran out (time for a heartbeat).
         */
        Batch after(long seq, Duration wait) throws InterruptedException {
            List<Frame> fresh = newer(frames, seq);
            if (!fresh.isEmpty()) {
                return new Batch(fresh, false);
            }
            long nanos = wait.toNanos();
            lock.lock();
            try {
                while (true) {
                    boolean over = ended;  // read before the list: an end is published after the last event
                    fresh = newer(frames, seq);
                    if (!fresh.isEmpty() || over || nanos <= 0) {
                        return new Batch(fresh, over && fresh.isEmpty());
                    }
                    nanos = changed.awaitNanos(nanos);
                }
            } finally {
                lock.unlock();
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
