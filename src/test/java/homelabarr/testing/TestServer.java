package homelabarr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.App;
import homelabarr.Config;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.docker.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@link App} on a free port with its data in a test directory, driven over real HTTP. Built with
 * {@link #builder(Path)}: settings, custom templates written into {@code DATA_DIR/apps/myapps} before the start (each
 * app id gets a random suffix), an optional hand-written {@link Engine}, and the clock (a {@link TestClock} that stands
 * still unless the test moves it, or the real one for tests that watch real containers). The server talks to the
 * engine at DOCKER_HOST unless a test gives its own. {@link #close()} stops the server and removes everything its test
 * apps made on the engine, and notes its deployments in the {@link TestRun} ledger.
 */
public final class TestServer implements AutoCloseable {
    /** The admin password most tests configure through HOMELABARR_ADMIN_PASSWORD. */
    public static final String ADMIN_PASSWORD = "quiet-harbor-lantern-42";
    /** How long {@link #awaitEnd} waits for a deployment on the real engine (generous: the machine may be loaded). */
    public static final Duration DEPLOY_WAIT = Duration.ofSeconds(120);

    private final Map<String, String> env;
    private final Clock clock;
    private final Engine engine;
    private final List<String> appIds;
    private App app;
    private Http http;
    private String adminToken;
    private DockerFixture docker;

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

    /** What a test server starts with; {@link #start()} starts it. */
    public static final class Builder {
        private final Path dataDir;
        private final Map<String, String> env = new HashMap<>(Map.of("HOMELABARR_ADMIN_PASSWORD", ADMIN_PASSWORD));
        private final List<String> appIds = new ArrayList<>();
        private Clock clock = new TestClock();
        private Engine engine;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** One setting (an environment variable of the server). */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Exactly these settings (plus port 0, loopback and the data directory): no admin password unless given. */
        public Builder settings(Map<String, String> settings) {
            env.clear();
            env.putAll(settings);
            return this;
        }

        /** For deploys onto the real engine: the real clock (durations, verify and retry deadlines), verify within 20 s. */
        public Builder forDeploys() {
            env.put("DEPLOY_VERIFY_TIMEOUT", "20s");
            return realClock();
        }

        /** The real clock, for servers that deploy onto the real engine (durations, verify and retry deadlines). */
        public Builder realClock() {
            clock = Clock.systemUTC();
            return this;
        }

        /** A hand-written engine instead of the real one (see {@link FakeEngine}). */
        public Builder engine(Engine engine) {
            this.engine = engine;
            return this;
        }


        /**
         * Writes {@code apps/myapps/<name>-<random>.yml} into the data directory and returns its app id
         * ({@code myapps-<name>-<random>}): unique, so whatever the engine holds for it is this test's.
         */
        public String template(String name, String yaml) {
            return exactTemplate(name + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36), yaml);
        }

        /** Writes {@code apps/myapps/<name>.yml} as named: for a hand-written engine, where names cannot collide. */
        public String exactTemplate(String unique, String yaml) {
            try {
                Path folder = Files.createDirectories(dataDir.resolve("apps/myapps"));
                Files.writeString(folder.resolve(unique + ".yml"), yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            appIds.add("myapps-" + unique);
            return "myapps-" + unique;
        }

        public TestServer start() {
            Map<String, String> all = new HashMap<>(env);
            all.put("PORT", "0");
            all.put("BIND_ADDRESS", "127.0.0.1");
            all.put("DATA_DIR", dataDir.toString());
            if (engine == null && !all.containsKey("DOCKER_HOST")) {
                all.put("DOCKER_HOST", DockerFixture.host());
            }
            return new TestServer(all, clock, engine, appIds);
        }
    }

    private TestServer(Map<String, String> env, Clock clock, Engine engine, List<String> appIds) {
        this.env = new HashMap<>(env);
        this.clock = clock;
        this.engine = engine;
        this.appIds = List.copyOf(appIds);
        open();
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Starts with {@link #ADMIN_PASSWORD} as the first admin's password. */
    public static TestServer start(Path dataDir) {
        return builder(dataDir).start();
    }

    /** Starts with exactly {@code settings} plus port 0, loopback and {@code dataDir}. */
    public static TestServer start(Path dataDir, Map<String, String> settings) {
        return builder(dataDir).settings(settings).start();
    }

    private void open() {
        Config config = Config.load(env);
        app = engine == null ? new App(config, clock) : new App(config, clock, engine);
        http = new Http(app.port());
        adminToken = null;
    }

    /** Stops the server and starts a new one on the same data directory, settings and clock. */
    public TestServer restart() {
        stop();
        open();
        return this;
    }

    /** Stops the server (what it left on the engine stays until {@link #start()} or {@link #close()}). */
    public void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    /** Starts a stopped server again on the same data directory, settings and clock. */
    public TestServer start() {
        if (app != null) {
            throw new IllegalStateException("already running");
        }
        open();
        return this;
    }

    /** Starts a stopped server again with one setting changed. */
    public TestServer startWith(String key, String value) {
        env.put(key, value);
        return start();
    }

    /** A TCP port free on this host right now, for an app's published web port. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test apps whose templates the builder wrote. */
    public List<String> appIds() {
        return appIds;
    }

    public Http http() {
        return http;
    }

    public App app() {
        return app;
    }

    /** The admin's token, logged in once per start. */
    public String token() {
        return cachedAdminToken();
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

    /** Any method, with an optional JSON body ({@code null}: none) and credential ({@code null}: none). */
    public Http.Response send(String method, String path, String credential, String json) {
        HttpRequest.Builder b = http.request(path, credential);
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b);
    }

    /** Starts a deploy as the admin and returns its id; fails the test unless the answer is 202. */
    public String deploy(String appId, String configJson) {
        Http.Response r = http.post("/deploy", cachedAdminToken(), """
                {"appId": "%s", "config": %s}""".formatted(appId, configJson));
        assertThat(r.status()).as("deploy %s: %s", appId, r.body()).isEqualTo(202);
        return r.json().get("deploymentId").asText();
    }

    /**
     * The whole progress stream of a deployment (no credential: the route is public) until the server ends it;
     * {@code lastEventId} resumes after that event, as a reconnecting EventSource does.
     */
    public List<Sse.Event> events(String deploymentId, String lastEventId) {
        HttpRequest.Builder b = http.request("/stream/progress?deploymentId=" + deploymentId, null)
                .timeout(DEPLOY_WAIT).GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        try (Sse stream = stream(b)) {
            assertThat(stream.response().statusCode()).as("progress stream of %s", deploymentId).isEqualTo(200);
            return stream.readAll();
        }
    }

    /** Opens an event stream; read it with {@link Sse#next()}, leave it with {@link Sse#close()}. */
    public Sse stream(HttpRequest.Builder request) {
        try {
            return new Sse(http.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The deployment's record once it reached an end state (succeeded, failed, rolled back, cancelled, interrupted)
     * and its closing event is stored (the record's status changes just before).
     */
    public JsonNode awaitEnd(String deploymentId) {
        return Await.value("deployment " + deploymentId + " to end", DEPLOY_WAIT, () -> deployment(deploymentId),
                d -> isFinal(d.path("status").asText()) && List.of("complete", "error")
                        .contains(d.path("events").path(d.path("events").size() - 1).path("type").asText()));
    }

    /** The deployment's record once it reached {@code status}. */
    public JsonNode awaitStatus(String deploymentId, String status) {
        return Await.value("deployment " + deploymentId + " to reach " + status, DEPLOY_WAIT,
                () -> deployment(deploymentId), d -> {
                    String now = d.path("status").asText();
                    if (!now.equals(status) && isFinal(now)) {
                        throw new AssertionError("deployment " + deploymentId + " ended " + now + " before reaching "
                                + status + ": " + d);
                    }
                    return now.equals(status);
                });
    }

    private static boolean isFinal(String status) {
        return !status.isEmpty() && DeploymentStatus.parse(status).isFinal();
    }

    private JsonNode deployment(String deploymentId) {
        return http.get("/deployments/" + deploymentId, cachedAdminToken()).json().path("data");
    }

    /** The real engine, for tests that look at what the server made; opened on first use. */
    public DockerFixture docker() {
        if (docker == null) {
            docker = new DockerFixture();
        }
        return docker;
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

    /** The clock the server was started with, when it is a {@link TestClock} (the default). */
    public TestClock clock() {
        if (clock instanceof TestClock test) {
            return test;
        }
        throw new IllegalStateException("this server runs on the real clock");
    }

    public String setting(String key) {
        return env.get(key);
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

    /**
     * Stops the server, notes its deployments in the run's ledger and removes what its test apps made on the
     * engine (found by their app ids, whether or not their templates labelled it).
     */
    @Override
    public void close() {
        stop();
        List<String> deployments = new ArrayList<>();
        if (Files.exists(dataDir().resolve("homelabarr.db"))) {
            try {
                query("SELECT id FROM deployments").forEach(row -> deployments.add((String) row.get("id")));
            } catch (IllegalStateException noTable) {
                // the server never got as far as its migrations
            }
        }
        TestRun.record("deployment", deployments);
        TestRun.record("app", appIds);
        if (engine == null && (!appIds.isEmpty() || docker != null)) {
            DockerFixture engineNow = docker();
            appIds.forEach(engineNow::removeApp);
            engineNow.close();
        }
    }
}
