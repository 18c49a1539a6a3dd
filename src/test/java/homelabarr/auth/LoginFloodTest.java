package homelabarr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brute force: many failed logins from one address are cheap to refuse, all answered, and harm no account; nor can
 * a stranger lock the owner out.
 */
class LoginFloodTest {
    private static final int ATTEMPTS = 10_000;
    private static final int THREADS = 8;
    private static final int CLIENT_BURST = 30;
    private static final int ACCOUNT_BURST = 5;
    private static final String PASSWORD = "plain long passphrase";

    @TempDir
    Path dir;

    @Test
    void tenThousandFailedLoginsAreRefusedAndLoseNothing() {
        try (TestServer server = TestServer.start(dir)) {
            Http http = server.http();
            server.createUser(server.adminToken(), "bystander", PASSWORD, "user");
            String[] names = {"admin", "bystander", "nobody", "admin' OR '1'='1", "x'; DROP TABLE users; --"};

            AtomicInteger unauthorized = new AtomicInteger();
            AtomicInteger throttled = new AtomicInteger();
            Queue<String> problems = new ConcurrentLinkedQueue<>();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < THREADS; t++) {
                    int first = t;
                    pool.submit(() -> {
                        for (int i = first; i < ATTEMPTS; i += THREADS) {
                            Http.Response r = http.post("/auth/login", null, """
                                    {"username": "%s", "password": "guess number %d"}""".formatted(names[i % names.length], i));
                            String problem = problem(r);
                            if (problem != null) {
                                problems.add(problem);
                            } else if (r.status() == 401) {
                                unauthorized.incrementAndGet();
                            } else {
                                throttled.incrementAndGet();
                            }
                        }
                    });
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(problems).isEmpty();
            assertThat(unauthorized.get() + throttled.get()).isEqualTo(ATTEMPTS);
            // only the bursts (plus requests already past the check when they ran out) cost a hash; the rest is 429
            int hashed = Math.min(CLIENT_BURST, ACCOUNT_BURST * names.length);
            assertThat(unauthorized.get()).isBetween(hashed, hashed + THREADS);
            assertThat(took).as("refusing is cheap").isLessThan(Duration.ofSeconds(60));
            assertThat(server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login' AND result = 'failure'"))
                    .as("every attempt is audited").isEqualTo(ATTEMPTS);

            // the right password is refused too until the window passes; Retry-After says how long that is
            Http.Response refused = http.post("/auth/login", null, """
                    {"username": "admin", "password": "%s"}""".formatted(TestServer.ADMIN_PASSWORD)).assertError(429);
            long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
            server.clock().advance(Duration.ofSeconds(retryAfter));
            String admin = server.adminToken();

            server.clock().advance(Duration.ofHours(1));
            assertThat(server.login("bystander", PASSWORD)).isNotBlank();
            JsonNode users = http.get("/auth/users", admin).assertStatus(200).json();
            assertThat(users.get("data").findValuesAsText("username")).containsExactlyInAnyOrder("admin", "bystander");
            assertThat(server.count("SELECT COUNT(*) FROM users")).isEqualTo(2);
        }
    }

    /** Five failures lock that name from that address only, not other accounts from the same address. */
    @Test
    void oneAccountsFailuresDoNotLockOthers() {
        try (TestServer server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD))) {
            Http http = server.http();
            server.createUser(server.adminToken(), "bystander", PASSWORD, "user");
            for (int i = 0; i < 5; i++) {
                http.post("/auth/login", null, """
                        {"username": "admin", "password": "wrong %d"}""".formatted(i)).assertError(401);
            }
            Http.Response locked = http.post("/auth/login", null, """
                    {"username": "Admin", "password": "%s"}""".formatted(TestServer.ADMIN_PASSWORD)).assertError(429);
            assertThat(locked.header("Retry-After")).contains("60");
            assertThat(server.login("bystander", PASSWORD)).isNotBlank();
            server.clock().advance(Duration.ofSeconds(60));
            assertThat(server.adminToken()).isNotBlank();
        }
    }

    /**
     * Five wrong passwords used to lock the account for everyone for a minute, so anyone could keep the admin out.
     * Now a stranger's failures lock out only the stranger's address; the owner still logs in from theirs.
     */
    @Test
    void aStrangersFailuresDoNotLockTheOwnerOut() {
        try (TestServer server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "TRUSTED_PROXIES", "127.0.0.1"))) {
            for (int i = 0; i < 20; i++) {
                Http.Response r = loginFrom(server, "203.0.113.7", "admin", "guess " + i);
                assertThat(r.status()).isIn(401, 429);
            }
            loginFrom(server, "203.0.113.7", "admin", TestServer.ADMIN_PASSWORD).assertError(429);
            Http.Response owner = loginFrom(server, "198.51.100.2", "admin", TestServer.ADMIN_PASSWORD).assertStatus(200);
            assertThat(owner.json().get("token").asText()).isNotBlank();
            loginFrom(server, "203.0.113.7", "admin", TestServer.ADMIN_PASSWORD).assertError(429);
        }
    }

    private static Http.Response loginFrom(TestServer server, String address, String username, String password) {
        return server.http().send(server.request("/auth/login", null).header("X-Forwarded-For", address)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"username": "%s", "password": "%s"}""".formatted(username, password))));
    }

    private static String problem(Http.Response r) {
        if (r.status() != 401 && r.status() != 429) {
            return r.status() + " " + r.body();
        }
        try {
            r.assertError(r.status());
        } catch (AssertionError e) {
            return e.getMessage();
        }
        if (r.status() == 401 && !r.details().equals("Invalid username or password")) {
            return "401 says more than it should: " + r.body();
        }
        if (r.status() == 429 && !r.header("Retry-After").map(v -> v.matches("[1-9][0-9]*")).orElse(false)) {
            return "429 without a usable Retry-After: " + r.headers().map();
        }
        return null;
    }
}
