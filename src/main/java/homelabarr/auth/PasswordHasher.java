package homelabarr.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import homelabarr.http.ApiException;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Argon2id at the OWASP minimum (19 MiB, 2 passes, 1 lane), computed where it cannot starve the server.
 * <ul>
 *   <li>On platform threads of its own: requests run on virtual threads, which share one carrier thread per core,
 *       and a hash takes its carrier for its whole run. Under a stream of failed logins the hashes held every
 *       carrier, and all other requests (catalog reads, uploads) waited behind them for minutes.</li>
 *   <li>At most one fewer than the cores at once (at least one, at most four), which also bounds memory: each hash
 *       allocates 19 MiB (password4j copies a zeroed template it keeps for the function's lifetime), and two
 *       hundred logins at once would otherwise ask for 3.8 GB.</li>
 *   <li>A check that cannot start within {@link #QUEUE_LIMIT} is refused with 429 instead of waiting on: under a
 *       guess spread over many addresses the queue would grow faster than a small machine can hash, and every
 *       login, the owner's too, would time out.</li>
 *   <li>The 19 MiB template lives with the worker thread that uses it, and goes with it when the worker has been
 *       idle for 30 s: password4j's own {@code getInstance} keeps it in a static map for the life of the process,
 *       which was 19 MiB of a server that idles in 80.</li>
 * </ul>
 */
public final class PasswordHasher {
    static final Duration QUEUE_LIMIT = Duration.ofSeconds(10);
    /**
     * Checked against when the user does not exist, so unknown names cost as much time as wrong passwords. A fixed
     * hash of a random password nobody kept: same parameters as real hashes, and no hashing work at startup.
     */
    private static final String DECOY =
            "$argon2id$v=19$m=19456,t=2,p=1$RCHILDwusNOZFMMctNq3Xw$7gQpE+V29W7EEQR/SnRJtHATx7760kjFAlVU/eTVtro";
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int LENGTH = 32;
    private static final int VERSION = 19;
    /** Per worker thread, so it is collected when an idle worker ends; never shared across threads at once. */
    private final ThreadLocal<Argon2Function> argon2 = ThreadLocal.withInitial(PasswordHasher::uncachedFunction);
    private final Semaphore admitted;
    private final ThreadPoolExecutor workers;
    private final Duration queueLimit;

    public PasswordHasher() {
        this(Math.clamp(Runtime.getRuntime().availableProcessors() - 1, 1, 4), QUEUE_LIMIT);
    }

    PasswordHasher(int concurrentChecks, Duration queueLimit) {
        this.admitted = new Semaphore(concurrentChecks, true);
        this.queueLimit = queueLimit;
        // idle workers end after a while, so a server (or a test) that hashes rarely keeps no threads for it
        this.workers = new ThreadPoolExecutor(concurrentChecks, concurrentChecks, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("argon2-", 1).factory());
        workers.allowCoreThreadTimeOut(true);
    }

    public String hash(String password) {
        return bounded(() -> Password.hash(password).addRandomSalt(16).with(argon2.get()).getResult());
    }

    public boolean matches(String password, String encoded) {
        return bounded(() -> {
            try {
                return Password.check(password, encoded).with(argon2.get());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** Spends the same work as a real check and fails. */
    public boolean burn(String password) {
        matches(password, DECOY);
        return false;
    }

    /**
     * An Argon2 function outside password4j's static cache, through its package-private constructor (password4j 1.8.x
     * has no public one). Should a later version refuse, the cached instance is used: same hashes, memory kept.
     */
    private static Argon2Function uncachedFunction() {
        try {
            Constructor<Argon2Function> constructor = Argon2Function.class.getDeclaredConstructor(
                    int.class, int.class, int.class, int.class, Argon2.class, int.class);
            constructor.setAccessible(true);
            return constructor.newInstance(MEMORY_KIB, ITERATIONS, LANES, LENGTH, Argon2.ID, VERSION);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, LANES, LENGTH, Argon2.ID, VERSION);
        }
    }

    private <T> T bounded(Supplier<T> work) {
        try {
            if (!admitted.tryAcquire(queueLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.tooManyRequests("The server is busy checking passwords; try again shortly",
                        queueLimit.toSeconds());
            }
            try {
                return workers.submit(work::get).get();
            } finally {
                admitted.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Shutting down", "The server is stopping");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
