package homelabarr.updates;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the update check every {@code interval}, each wait lengthened by a random jitter of up to a tenth of it, so
 * servers started together (or one restarted often) do not ask the registries in step. The first check waits one
 * interval too: a restart is no reason to ask again. A zero interval turns the schedule off.
 */
final class UpdateScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UpdateScheduler.class.getName());
    private final Thread thread;

    UpdateScheduler(Duration interval, Runnable round) {
        if (interval.isZero()) {
            this.thread = null;
            return;
        }
        this.thread = Thread.ofVirtual().name("update-check").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(withJitter(interval));
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    round.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "The scheduled update check failed; trying again next time", e);
                }
            }
        });
    }

    static Duration withJitter(Duration interval) {
        long jitter = interval.toMillis() / 10;
        return interval.plusMillis(jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1));
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
