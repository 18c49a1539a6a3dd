package homelabarr.auth;

import homelabarr.http.ApiException;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins with token buckets (a burst of failures, then one more attempt per refill period):
 * <ul>
 *   <li>per account <em>and</em> client address: guesses at one account from one place. Keyed by the pair, so a
 *       stranger's five wrong passwords lock only the stranger out, never the owner logging in from elsewhere
 *       (per account alone, anyone could lock the admin out for good by failing five times a minute);</li>
 *   <li>per client address: one place trying many accounts;</li>
 *   <li>across everyone: a guess spread over many addresses is still bounded; when it runs out, every login is
 *       slowed to the refill rate until the attack stops.</li>
 * </ul>
 * An attempt takes its token before the password is checked, and a successful one gives it back (and forgets the
 * failures of its account and address): taken only after a failed check, two hundred attempts arriving together
 * would all pass the check and all be hashed, however small the limits.
 */
final class LoginThrottle {
    private static final int MAX_TRACKED = 50_000;
    private static final int MAX_NAME = 64;
    private static final String GLOBAL = "g:";
    private final Clock clock;
    private final ThrottlePolicy perAccountAndClient;
    private final ThrottlePolicy perClient;
    private final ThrottlePolicy global;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Bucket(double tokens, long updatedMillis) {
    }

    LoginThrottle(Clock clock, ThrottlePolicy perAccountAndClient, ThrottlePolicy perClient, ThrottlePolicy global) {
        this.clock = clock;
        this.perAccountAndClient = perAccountAndClient;
        this.perClient = perClient;
        this.global = global;
    }

    /**
     * Takes one attempt from the pair, the client and everyone, or throws 429 with Retry-After when any of them has
     * none left. Counts as a failure unless {@link #succeeded} follows.
     */
    void attempt(String username, String client) {
        long wait = Math.max(waitSeconds(pairKey(username, client), perAccountAndClient),
                Math.max(waitSeconds(clientKey(client), perClient), waitSeconds(GLOBAL, global)));
        if (wait > 0) {
            throw ApiException.tooManyRequests("Too many failed logins; try again later", wait);
        }
        if (buckets.size() > MAX_TRACKED) {
            prune();
        }
        take(pairKey(username, client), perAccountAndClient);
        take(clientKey(client), perClient);
        take(GLOBAL, global);
    }

    /** The attempt was right: it costs nothing, and the pair's earlier failures are forgotten. */
    void succeeded(String username, String client) {
        buckets.remove(pairKey(username, client));
        giveBack(clientKey(client), perClient);
        giveBack(GLOBAL, global);
    }

    private long waitSeconds(String key, ThrottlePolicy policy) {
        Bucket bucket = refill(buckets.get(key), policy);
        if (bucket.tokens() >= 1) {
            return 0;
        }
        double missing = 1 - bucket.tokens();
        return (long) Math.ceil(missing * policy.refill().toMillis() / 1000.0);
    }

    private void take(String key, ThrottlePolicy policy) {
        buckets.compute(key, (k, old) -> {
            Bucket current = refill(old, policy);
            return new Bucket(Math.max(0, current.tokens() - 1), current.updatedMillis());
        });
    }

    private void giveBack(String key, ThrottlePolicy policy) {
        buckets.computeIfPresent(key, (k, old) -> {
            Bucket current = refill(old, policy);
            return new Bucket(Math.min(policy.burst(), current.tokens() + 1), current.updatedMillis());
        });
    }

    private Bucket refill(Bucket old, ThrottlePolicy policy) {
        long now = clock.millis();
        if (old == null) {
            return new Bucket(policy.burst(), now);
        }
        double gained = (now - old.updatedMillis()) / (double) policy.refill().toMillis();
        return new Bucket(Math.min(policy.burst(), old.tokens() + gained), now);
    }

    /** Forgets buckets that have refilled completely; they hold no information. */
    private void prune() {
        buckets.entrySet().removeIf(e -> {
            ThrottlePolicy policy = policy(e.getKey());
            return refill(e.getValue(), policy).tokens() >= policy.burst();
        });
    }

    private ThrottlePolicy policy(String key) {
        return key.startsWith("p:") ? perAccountAndClient : key.startsWith("c:") ? perClient : global;
    }

    /**
     * Names are cut to 64 characters: no account name is longer, and a client must not be able to make the server
     * keep megabyte-long keys (login bodies may be up to the body limit).
     */
    private static String pairKey(String username, String client) {
        String name = username.length() > MAX_NAME ? username.substring(0, MAX_NAME) : username;
        return "p:" + client + " " + name.toLowerCase(Locale.ROOT);
    }

    private static String clientKey(String client) {
        return "c:" + client;
    }
}
