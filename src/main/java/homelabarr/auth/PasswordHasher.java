package homelabarr.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Argon2id at the OWASP minimum (19 MiB, 2 passes, 1 lane). Each hash or check allocates its own 19 MiB of
 * memory blocks (password4j copies a zeroed template it keeps for the function's lifetime), so concurrent
 * checks are capped at the number of cores: two hundred logins from two hundred addresses at once (which the
 * throttle lets through) would otherwise ask for 3.8 GB. More would not finish sooner anyway: the work is CPU.
 */
public final class PasswordHasher {
    private final Argon2Function argon2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);
    private final Semaphore running = new Semaphore(Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4), true);
    /**
     * Checked against when the user does not exist, so unknown names cost as much time as wrong passwords. A fixed
     * hash of a random password nobody kept: same parameters as real hashes, and no hashing work at startup.
     */
    private static final String DECOY =
            "$argon2id$v=19$m=19456,t=2,p=1$RCHILDwusNOZFMMctNq3Xw$7gQpE+V29W7EEQR/SnRJtHATx7760kjFAlVU/eTVtro";

    public String hash(String password) {
        return bounded(() -> Password.hash(password).addRandomSalt(16).with(argon2).getResult());
    }

    public boolean matches(String password, String encoded) {
        try {
            return bounded(() -> Password.check(password, encoded).with(argon2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spends the same work as a real check and fails. */
    public boolean burn(String password) {
        matches(password, DECOY);
        return false;
    }

    private <T> T bounded(Supplier<T> work) {
        running.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            running.release();
        }
    }
}
