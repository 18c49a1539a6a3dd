package homelabarr.auth;

import homelabarr.http.ApiException;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per account name and per client address with token buckets: a burst of failures is
 * allowed, then one more attempt per refill period. Successful logins reset the account's bucket.
 */
final class LoginThrottle {
    private static final int MAX_TRACKED = 50_000;
    private static final int MAX_NAME = 64;
    private final Clock clock;
    private final ThrottlePolicy perAccount;
    private final ThrottlePolicy perClient;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Bucket(double tokens, long updatedMillis) {
    }

    LoginThrottle(Clock clock, ThrottlePolicy perAccount, ThrottlePolicy perClient) {
        this.clock = clock;
        this.perAccount = perAccount;
        this.perClient = perClient;
    }

    /** Throws 429 with Retry-After when either the account or the client has no attempts left. */
    void check(String username, String client) {
        long waitAccount = waitSeconds(accountKey(username), perAccount);
        long waitClient = waitSeconds(clientKey(client), perClient);
        long wait = Math.max(waitAccount, waitClient);
        if (wait > 0) {
            throw ApiException.tooManyRequests("Too many failed logins; try again later", wait);
        }
    }

    void failed(String username, String client) {
        take(accountKey(username), perAccount);
        take(clientKey(client), perClient);
    }

    void succeeded(String username) {
        buckets.remove(accountKey(username));
    }

    private long waitSeconds(String key, ThrottlePolicy policy) {
        Bucket bucket = refilled(key, policy);
        if (bucket.tokens() >= 1) {
            return 0;
        }
        double missing = 1 - bucket.tokens();
        return (long) Math.ceil(missing * policy.refill().toMillis() / 1000.0);
    }

    private void take(String key, ThrottlePolicy policy) {
        if (buckets.size() > MAX_TRACKED) {
            prune();
        }
        buckets.compute(key, (k, old) -> {
            Bucket current = refill(old, policy);
            return new Bucket(Math.max(0, current.tokens() - 1), current.updatedMillis());
        });
    }

    private Bucket refilled(String key, ThrottlePolicy policy) {
        return refill(buckets.get(key), policy);
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
            ThrottlePolicy policy = e.getKey().startsWith("a:") ? perAccount : perClient;
            return refill(e.getValue(), policy).tokens() >= policy.burst();
        });
    }

    /**
     * Names are cut to 64 characters: no account name is longer, and a client must not be able to make the server
     * keep megabyte-long keys (login bodies may be up to the body limit).
     */
    private static String accountKey(String username) {
        String name = username.length() > MAX_NAME ? username.substring(0, MAX_NAME) : username;
        return "a:" + name.toLowerCase(Locale.ROOT);
    }

    private static String clientKey(String client) {
        return "c:" + client;
    }
}
