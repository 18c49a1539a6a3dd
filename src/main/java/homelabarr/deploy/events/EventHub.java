package homelabarr.deploy.events;

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

    static final class Topic {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final List<StoredEvent> events = new ArrayList<>();
        private boolean ended;

        void publish(StoredEvent event) {
            lock.lock();
            try {
                events.add(event);
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
            long nanos = wait.toNanos();
            lock.lock();
            try {
                while (true) {
                    List<StoredEvent> fresh = newer(seq);
                    if (!fresh.isEmpty() || ended || nanos <= 0) {
                        return new Batch(fresh, ended && fresh.isEmpty());
                    }
                    nanos = changed.awaitNanos(nanos);
                }
            } finally {
                lock.unlock();
            }
        }

        private List<StoredEvent> newer(long seq) {
            // seq numbers are dense from 1, so the position is known; fall back to a scan if they are not
            int from = (int) Math.min(seq, events.size());
            while (from > 0 && events.get(from - 1).seq() > seq) {
                from--;
            }
            return List.copyOf(events.subList(from, events.size()));
        }
    }

    /** {@code ended}: nothing more will come. */
    record Batch(List<StoredEvent> events, boolean ended) {
    }
}
