package homelabarr.auth;

import homelabarr.http.ApiException;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {
    private final TestServer.TestClock clock = new TestServer.TestClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, new ThrottlePolicy(3, Duration.ofMinutes(1)),
            new ThrottlePolicy(5, Duration.ofSeconds(10)), new ThrottlePolicy(20, Duration.ofSeconds(2)));

    @Test
    void anAccountIsLimitedOnlyFromTheAddressThatFailed() {
        fail("alice", "10.0.0.1", 3);
        assertThrottled("alice", "10.0.0.1", 60);
        assertThrottled("ALICE", "10.0.0.1", 60);
        assertThatCode(() -> throttle.attempt("alice", "10.0.0.2")).as("the owner elsewhere").doesNotThrowAnyException();
        assertThatCode(() -> throttle.attempt("bob", "10.0.0.1")).as("another account").doesNotThrowAnyException();
    }

    @Test
    void clientIsLimitedAfterItsBurstWhateverTheAccount() {
        for (int i = 0; i < 5; i++) {
            fail("user" + i, "10.0.0.9", 1);
        }
        assertThrottled("someone-new", "10.0.0.9", 10);
        assertThatCode(() -> throttle.attempt("someone-new", "10.0.0.8")).doesNotThrowAnyException();
    }

    /** A guess spread over many addresses, a few tries each, still runs into the limit on everyone. */
    @Test
    void failuresFromEverywhereAreLimitedTogether() {
        for (int i = 0; i < 20; i++) {
            fail("admin", "10.1.0." + i, 1);
        }
        assertThrottled("admin", "10.2.0.1", 2);
        assertThrottled("bob", "10.2.0.2", 2);
        clock.advance(Duration.ofSeconds(2));
        fail("admin", "10.2.0.1", 1);
        assertThrottled("bob", "10.2.0.2", 2);
    }

    @Test
    void refillsOneAttemptPerPeriod() {
        fail("alice", "10.0.0.1", 3);
        clock.advance(Duration.ofSeconds(30));
        assertThrottled("alice", "10.0.0.1", 30);
        clock.advance(Duration.ofSeconds(30));
        fail("alice", "10.0.0.1", 1);
        assertThrottled("alice", "10.0.0.1", 60);
    }

    @Test
    void successForgetsTheFailuresOfItsAccountAndAddress() {
        fail("alice", "10.0.0.1", 2);
        throttle.succeeded("alice", "10.0.0.1");
        fail("alice", "10.0.0.1", 2);
        assertThatCode(() -> throttle.attempt("alice", "10.0.0.1")).doesNotThrowAnyException();
    }

    /** Attempts still being checked count: a burst arriving at once cannot all get past the limit. */
    @Test
    void attemptsInProgressCountAgainstTheLimit() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("alice", "10.0.0.1");
        }
        assertThrottled("alice", "10.0.0.1", 60);
    }

    @Test
    void successfulLoginsCostNothing() {
        for (int i = 0; i < 50; i++) {
            throttle.attempt("user" + i % 3, "10.0.0.1");
            throttle.succeeded("user" + i % 3, "10.0.0.1");
        }
        assertThatCode(() -> throttle.attempt("alice", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void longNamesShareOneBucketInsteadOfGrowingMemory() {
        String base = "x".repeat(100);
        fail(base + "1", "10.0.0.1", 1);
        fail(base + "2", "10.0.0.1", 1);
        fail(base + "3", "10.0.0.1", 1);
        assertThrottled(base + "4", "10.0.0.1", 60);
    }

    private void fail(String user, String client, int times) {
        for (int i = 0; i < times; i++) {
            throttle.attempt(user, client);
        }
    }

    private void assertThrottled(String user, String client, long retryAfter) {
        assertThatThrownBy(() -> throttle.attempt(user, client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.headers()).containsEntry("Retry-After", Long.toString(retryAfter));
                    assertThat(e.details()).doesNotContain(user);
                });
    }
}
