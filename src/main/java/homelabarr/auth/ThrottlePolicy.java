package homelabarr.auth;

import java.time.Duration;

/** A token bucket: {@code burst} attempts at once, then one more per {@code refill}. */
public record ThrottlePolicy(int burst, Duration refill) {
}
