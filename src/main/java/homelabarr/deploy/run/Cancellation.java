package homelabarr.deploy.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cooperative stop for one deployment. Threads are never interrupted (that would break database and engine
 * connections mid-call); instead open streams are closed and waits return early, and the deployment checks at
 * each step.
 */
public final class Cancellation {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private volatile DeployFailure reason;

    public void cancel(String why) {
        stop(new DeployFailure(DeployFailure.Kind.CANCELLED, why));
    }

    public void shutdown() {
        stop(new DeployFailure(DeployFailure.Kind.SHUTDOWN, "The server is stopping"));
    }

    private void stop(DeployFailure why) {
        if (reason == null) {
            reason = why;
        }
        stopped.countDown();
        open.forEach(Cancellation::closeQuietly);
    }

    /** Why the deployment was stopped, or null while it may go on. */
    DeployFailure reason() {
        return reason;
    }

    void check() throws DeployFailure {
        if (reason != null) {
            throw reason;
        }
    }

    /** Waits {@code time} unless stopped first; then throws the stop reason. */
    void sleep(Duration time) throws DeployFailure {
        try {
            stopped.await(time.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailure(DeployFailure.Kind.SHUTDOWN, "Interrupted");
        }
        check();
    }

    /** Closes {@code stream} when the deployment is stopped (a pull, a log follower). */
    <T extends AutoCloseable> T track(T stream) {
        open.add(stream);
        if (reason != null) {
            closeQuietly(stream);
        }
        return stream;
    }

    void untrack(AutoCloseable stream) {
        open.remove(stream);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the stream is being abandoned either way
        }
    }
}
