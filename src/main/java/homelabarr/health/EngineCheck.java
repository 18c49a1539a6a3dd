package homelabarr.health;

import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the Docker Engine answers, as {@code /health} reports it, without a ping per probe. Under load a
 * per-request ping with a 2 s limit called a busy engine down (6 of 8 probes answered 503 while every other request
 * succeeded), and a monitor acting on that restarts a working server. Now one ping runs at a time and every caller
 * shares its answer; an answer younger than {@link #MAX_AGE} is reused. The engine counts as unreachable only when
 * it refuses the connection, or does not answer within {@link #ANSWER_LIMIT}: a slow answer is load, not an outage.
 */
final class EngineCheck {
    static final Duration MAX_AGE = Duration.ofSeconds(2);
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);
    /** How long a probe waits for a ping in flight before it takes the previous answer instead. */
    private static final Duration PATIENCE = Duration.ofSeconds(1);

    /** One ping's outcome: the engine's info, or why there is none. */
    record Reading(Engine.Info info, String problem, long atNanos) {
        boolean reachable() {
            return info != null;
        }
    }

    private final Engine engine;
    private final AtomicReference<CompletableFuture<Reading>> inFlight = new AtomicReference<>();
    private volatile Reading last;

    EngineCheck(Engine engine) {
        this.engine = engine;
    }

    Reading current() {
        Reading known = last;
        if (known != null && System.nanoTime() - known.atNanos() < MAX_AGE.toNanos()) {
            return known;
        }
        CompletableFuture<Reading> ping = ping();
        try {
            // the very first probe has nothing to fall back on: it waits for the answer (or the ping's own limit)
            Duration wait = known == null ? ANSWER_LIMIT.plusSeconds(1) : PATIENCE;
            return ping.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillWaiting) {
            return known != null ? known : new Reading(null, "The Docker Engine did not answer in time", System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return known != null ? known : new Reading(null, "Interrupted while asking the Docker Engine", System.nanoTime());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The ping in flight, or a new one if none is. */
    private CompletableFuture<Reading> ping() {
        CompletableFuture<Reading> mine = new CompletableFuture<>();
        CompletableFuture<Reading> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        Thread.ofVirtual().name("engine-ping").start(() -> {
            Reading reading;
            try {
                reading = new Reading(engine.info(ANSWER_LIMIT), null, System.nanoTime());
            } catch (EngineException e) {
                reading = new Reading(null, e.kind() == EngineException.Kind.UNREACHABLE ? e.action()
                        : "The Docker Engine answered with an error", System.nanoTime());
            }
            last = reading;
            inFlight.set(null);
            mine.complete(reading);
        });
        return mine;
    }
}
