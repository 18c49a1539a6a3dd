package homelabarr.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for something the test cannot be told about (the real engine, a server's background work) with a deadline
 * and a message that says what was awaited. Prefer a latch or the test clock where the code offers one; this polls.
 */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with "{@code what}" after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Polls {@code poll} until {@code done} accepts its value, and returns that value; fails after {@code timeout}. */
    public static <T> T value(String what, Duration timeout, Supplier<T> poll, Predicate<? super T> done) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        T last;
        while (true) {
            last = poll.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline > 0) {
                break;
            }
            pause(POLL);
        }
        throw new AssertionError("Waited " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms for " + what
                + "; last seen: " + last);
    }

    /** Lets {@code duration} pass on the real clock: only where real time is what is tested (a quiet period). */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
