package homelabarr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.App;
import homelabarr.Config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The real {@link App} on a free port with its data in a test directory, driven over real HTTP. */
public final class TestServer implements AutoCloseable {
    /** The admin password most tests configure through HOMELABARR_ADMIN_PASSWORD. */
    public static final String ADMIN_PASSWORD = "quiet-harbor-lantern-42";

    private final Map<String, String> env;
    private final TestClock clock;
    private App app;
    private Http http;
    private String adminToken;

    /** A clock that stands still until a test moves it, so expiry and throttling are tested without sleeping. */
    public static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));

        public void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the server only uses UTC");
        }
    }

    private TestServer(Map<String, String> env, TestClock clock) {
        this.env = env;
        this.clock = clock;
        open();
    }

    /** Starts with {@link #ADMIN_PASSWORD} as the first admin's password. */
    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of("HOMELABARR_ADMIN_PASSWORD", ADMIN_PASSWORD));
    }

    /** Starts with exactly {@code settings} plus port 0, loopback and {@code dataDir}. */
    public static TestServer start(Path dataDir, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("DATA_DIR", dataDir.toString());
        return new TestServer(Map.copyOf(env), new TestClock());
    }

    private void open() {
        app = new App(Config.load(env), clock);
        http = new Http(app.port());
        adminToken = null;
    }

    /** Stops the server and starts a new one on the same data directory, settings and clock. */
    public TestServer restart() {
        app.close();
        open();
        return this;
    }

    public Http http() {
        return http;
    }

    public App app() {
        return app;
    }

    /** A GET as the admin, the caller most integration tests act as. */
    public Http.Response get(String path) {
        return http.get(path, cachedAdminToken());
    }

    public Http.Response get(String path, String credential) {
        return http.get(path, credential);
    }

    public Http.Response post(String path, String credential, String json) {
        return http.post(path, credential, json);
    }

    /** A POST without a body, as the container actions take. */
    public Http.Response post(String path, String credential) {
        return http.post(path, credential, null);
    }

    public Http.Response delete(String path, String credential) {
        return http.delete(path, credential);
    }

    public java.net.http.HttpRequest.Builder request(String path, String credential) {
        return http.request(path, credential);
    }

    private String cachedAdminToken() {
        if (adminToken == null) {
            adminToken = adminToken();
        }
        return adminToken;
    }

    /** Creates an account with {@code role} (admin, user, viewer) and returns a token for it. */
    public String userToken(String role) {
        String username = role + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + java.util.UUID.randomUUID();
        createUser(cachedAdminToken(), username, password, role);
        return login(username, password);
    }

    public TestClock clock() {
        return clock;
    }

    public Path dataDir() {
        return Path.of(env.get("DATA_DIR"));
    }

    /** Logs in and returns the token, failing the test when the login does not succeed. */
    public String login(String username, String password) {
        Http.Response r = http.post("/auth/login", null, """
                {"username": "%s", "password": "%s"}""".formatted(username, password));
        assertThat(r.status()).as("login of %s: %s", username, r.body()).isEqualTo(200);
        return r.json().get("token").asText();
    }

    public String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** Creates an account through the API as {@code adminToken}; returns its id. */
    public String createUser(String adminToken, String username, String password, String role) {
        Http.Response r = http.post("/auth/users", adminToken, """
                {"username": "%s", "password": "%s", "role": "%s"}""".formatted(username, password, role));
        assertThat(r.status()).as("create %s: %s", username, r.body()).isEqualTo(201);
        return r.json().at("/user/id").asText();
    }

    /** Creates an API key as {@code credential}; returns the whole answer (key, name, id). */
    public JsonNode createKey(String credential, String name) {
        Http.Response r = http.post("/auth/api-keys", credential, """
                {"name": "%s"}""".formatted(name));
        assertThat(r.status()).as("create key: %s", r.body()).isEqualTo(201);
        return r.json();
    }

    /** Rows of a query run straight on the SQLite file (a second connection; WAL lets it read beside the server). */
    public List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("homelabarr.db"));
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                        row.put(rs.getMetaData().getColumnName(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single number a {@code SELECT COUNT(*)} query answers. */
    public long count(String sql, Object... params) {
        return ((Number) query(sql, params).getFirst().values().iterator().next()).longValue();
    }

    @Override
    public void close() {
        app.close();
    }
}
