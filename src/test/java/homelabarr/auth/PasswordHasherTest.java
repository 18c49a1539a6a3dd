package homelabarr.auth;

import homelabarr.http.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private static final String HASH = new PasswordHasher().hash("correct horse battery staple");

    @Test
    void checksAndHashesAgree() {
        PasswordHasher hasher = new PasswordHasher();
        assertThat(hasher.matches("correct horse battery staple", HASH)).isTrue();
        assertThat(hasher.matches("wrong", HASH)).isFalse();
        assertThat(hasher.matches("anything", "not a hash")).isFalse();
        assertThat(hasher.burn("anything")).isFalse();
    }

    /** Checks beyond the ones running are refused with 429 once they have waited their limit, not queued for ever. */
    @Test
    void checksThatCannotStartInTimeAreRefused() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, Duration.ofMillis(1));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return hasher.matches("correct horse battery staple", HASH) ? "checked" : "wrong";
                    } catch (ApiException e) {
                        return e.status() + " " + e.headers().get("Retry-After");
                    }
                }));
            }
            go.countDown();
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        assertThat(results).contains("checked").contains("429 1").doesNotContain("wrong");
    }
}
