package homelabarr.swarm;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cooperative stop for one stack deployment: a cancel (the rollout undoes what it did and ends cancelled) or the
 * server stopping (it leaves at once; the next start's recovery ends it). Checked between engine calls and while
 * waiting, so an engine call is never cut in half.
 */
final class StackStop {
    /** Thrown where the rollout stands when it was cancelled; the message says by whom. */
    static final class Cancelled extends Exception {
        Cancelled(String why) {
            super(why, null, false, false);
        }
    }

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String cancelled;
    private volatile boolean shutdown;

    void cancel(String why) {
        if (cancelled == null) {
            cancelled = why;
        }
        stopped.countDown();
    }

    void shutdown() {
        shutdown = true;
        stopped.countDown();
    }

    void check() throws Cancelled, InterruptedException {
        if (shutdown) {
            throw new InterruptedException("the server is stopping");
        }
        if (cancelled != null) {
            throw new Cancelled(cancelled);
        }
    }

    /** Waits {@code time} unless stopped first. */
    void sleep(Duration time) throws Cancelled, InterruptedException {
        stopped.await(time.toMillis(), TimeUnit.MILLISECONDS);
        check();
    }
}
