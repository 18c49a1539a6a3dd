package homelabarr.auth;

import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class AuthDisabledTest {
    /** Held here so the logger, and the handler on it, cannot be garbage collected during the test. */
    private final Logger appLog = Logger.getLogger("homelabarr.App");
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    @BeforeEach
    void captureLog() {
        appLog.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        appLog.removeHandler(capture);
    }

    @Test
    void everyRouteIsOpenHealthSaysSoAndStartupWarns() {
        try (TestServer server = TestServer.start(dir, Map.of("AUTH_ENABLED", "false"))) {
            assertThat(warnings).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("AUTH_ENABLED=false"));
            Http http = server.http();
            http.get("/auth/users", null).assertStatus(200);
            http.get("/api/auth/users", null).assertStatus(200);
            http.get("/audit", null).assertStatus(200);
            http.get("/auth/users", "forged.garbage.token").assertStatus(200);
            assertThat(http.get("/auth/me", null).assertStatus(200).json().at("/user/role").asText()).isEqualTo("admin");
            assertThat(http.get("/auth/me", null).json().at("/user/authMethod").asText()).isEqualTo("auth-disabled");
            http.post("/auth/users", null, """
                    {"username": "viewer", "password": "a-strong-password", "role": "user"}""").assertStatus(201);
            assertThat(http.get("/health").json().at("/auth/enabled").asBoolean()).isFalse();
            // keys belong to accounts, and without auth there is no signed-in account to own one
            http.post("/auth/api-keys", null, """
                    {"name": "my-script"}""").assertError(400);
        }
    }

    @Test
    void enabledAuthDoesNotWarnAndHealthSaysSo() {
        try (TestServer server = TestServer.start(dir)) {
            assertThat(warnings).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("AUTH_ENABLED"));
            assertThat(server.http().get("/health").json().at("/auth/enabled").asBoolean()).isTrue();
            server.http().get("/auth/users", null).assertError(401);
        }
    }
}
