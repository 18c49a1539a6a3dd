package homelabarr.notifications;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Delivers notifications in the background and retries failures with exponential backoff ({@code base}, then
 * twice that, ... at most {@link #MAX_BACKOFF}) up to {@code maxAttempts}. At most {@code capacity} deliveries are
 * in flight or waiting for a retry; beyond that new ones are logged as dropped instead of piling up in memory while
 * a channel is down. Each attempt reads the channel again, so an edit (a fixed URL) applies to the next retry and a
 * deleted channel gets no more. Deliveries a stop leaves unfinished are taken up by {@link #resume} at the next start:
 * one cut off in the middle of an attempt may so arrive twice, which its delivery id lets a receiver tell.
 */
final class DeliveryQueue implements AutoCloseable {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(DeliveryQueue.class.getName());

    private final Map<ChannelType, Sender> senders;
    private final ChannelStore channels;
    private final DeliveryLog log;
    private final Duration base;
    private final int maxAttempts;
    private final Semaphore room;
    private final DeliveryOutcomes outcomes;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("notify-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("notify-retry").daemon().factory());

    DeliveryQueue(Map<ChannelType, Sender> senders, ChannelStore channels, DeliveryLog log, Duration base,
                  int maxAttempts, int capacity, DeliveryOutcomes outcomes) {
        this.senders = senders;
        this.channels = channels;
        this.log = log;
        this.base = base;
        this.maxAttempts = maxAttempts;
        this.room = new Semaphore(capacity);
        this.outcomes = outcomes;
    }

    /** Queues a delivery of {@code n} to {@code channel}; false (and logged as dropped) when the queue is full. */
    boolean offer(Channel channel, Notification n) {
        if (!room.tryAcquire()) {
            log.start(channel.id(), n, DeliveryLog.DROPPED, "The delivery queue is full (a channel may be down)", false);
            outcomes.attempt(channel.type().wireName(), false);
            return false;
        }
        long id = log.start(channel.id(), n, DeliveryLog.PENDING, null, true);
        try {
            workers.execute(() -> attempt(channel.id(), n, id, 1));
        } catch (RejectedExecutionException e) {
            room.release();  // stopping: the next start takes it up
            return false;
        }
        return true;
    }

    /** Gives each delivery a stop left unfinished its next attempt now, as if its wait were over; returns how many. */
    int resume() {
        int resumed = 0;
        for (DeliveryLog.Open open : log.unfinished()) {
            if (!room.tryAcquire()) {
                log.attempt(open.id(), DeliveryLog.DROPPED, open.attempts(), "The delivery queue is full (a channel may be down)");
                continue;
            }
            try {
                workers.execute(() -> attempt(open.channelId(), open.notification(), open.id(), open.attempts() + 1));
                resumed++;
            } catch (RejectedExecutionException e) {
                room.release();
                break;
            }
        }
        return resumed;
    }

    /** One attempt now, on the caller's thread, without retries ("send test"); the error, or null when delivered. */
    String sendNow(Channel channel, Notification n) {
        long id = log.start(channel.id(), n, DeliveryLog.PENDING, null, false);
        String error = deliver(channel, n, id);
        log.attempt(id, error == null ? DeliveryLog.DELIVERED : DeliveryLog.FAILED, 1, error);
        return error;
    }

    private void attempt(String channelId, Notification n, long id, int attempt) {
        boolean done = true;
        try {
            Channel channel = channels.find(channelId).orElse(null);
            if (channel == null) {
                return;  // deleted meanwhile: its log rows went with it
            }
            String error = deliver(channel, n, id);
            if (error == null) {
                log.attempt(id, DeliveryLog.DELIVERED, attempt, null);
            } else if (attempt >= maxAttempts) {
                log.attempt(id, DeliveryLog.FAILED, attempt, error);
            } else {
                log.attempt(id, DeliveryLog.RETRYING, attempt, error);
                done = !retryLater(channelId, n, id, attempt + 1);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A notification delivery could not be recorded: " + e.getMessage());
        } finally {
            if (done) {
                room.release();
            }
        }
    }

    private boolean retryLater(String channelId, Notification n, long id, int attempt) {
        long delay = Math.min(MAX_BACKOFF.toMillis(), base.toMillis() << Math.min(attempt - 2, 20));
        try {
            timer.schedule(() -> {
                try {
                    workers.execute(() -> attempt(channelId, n, id, attempt));
                } catch (RejectedExecutionException stopping) {
                    room.release();
                }
            }, delay, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    /** One try: the error text (stored on the channel too), or null when delivered. */
    private String deliver(Channel channel, Notification n, long id) {
        String error;
        try {
            senders.get(channel.type()).send(channel, n, id);
            error = null;
        } catch (DeliveryException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A " + channel.type().wireName() + " delivery failed unexpectedly", e);
            error = "Unexpected failure: " + e.getClass().getSimpleName();
        }
        channels.outcome(channel.id(), error);
        outcomes.attempt(channel.type().wireName(), error == null);
        return error;
    }

    /** Stops retrying; deliveries still waiting stay "retrying" in the log, with their notification, for {@link #resume}. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
