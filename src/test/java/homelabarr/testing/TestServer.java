package homelabarr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.App;
import homelabarr.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real {@link App} on a free port with its data in {@code dataDir}, signed in as admin. Requests go through
 * {@link java.net.http.HttpClient}; a null token sends no credentials.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "Integration-Test-Pa55phrase";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final App app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminToken;

    /** A response with its body as text and, when it is JSON, parsed. */
    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    private TestServer(App app) {
        this.app = app;
        this.adminToken = login("admin", ADMIN_PASSWORD);
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** {@code env} adds or overrides settings, e.g. AUTH_ENABLED. */
    public static TestServer start(Path dataDir, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(Map.of("PORT", "0", "BIND_ADDRESS", "127.0.0.1",
                "DATA_DIR", dataDir.toString(), "HOMELABARR_ADMIN_PASSWORD", ADMIN_PASSWORD));
        settings.putAll(env);
        return new TestServer(new App(Config.load(settings), Clock.systemUTC()));
    }

    public App app() {
        return app;
    }

    public HttpClient http() {
        return http;
    }

    public String adminToken() {
        return adminToken;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    /** A request to {@code pathAndQuery} carrying {@code token} (none when null). */
    public HttpRequest.Builder request(String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    public Response get(String pathAndQuery) {
        return get(pathAndQuery, adminToken);
    }

    public Response get(String pathAndQuery, String token) {
        return send(request(pathAndQuery, token).GET());
    }

    public Response post(String pathAndQuery, String token, String json) {
        return send(request(pathAndQuery, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST without a body, as the container actions take. */
    public Response post(String pathAndQuery, String token) {
        return send(request(pathAndQuery, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String pathAndQuery, String token) {
        return send(request(pathAndQuery, token).DELETE());
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(res.statusCode(), res.headers(), res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String login(String username, String password) {
        Response res = post("/auth/login", null, MAPPER.createObjectNode().put("username", username)
                .put("password", password).toString());
        if (res.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + res.status() + " " + res.body());
        }
        return res.json().get("token").asText();
    }

    /** Creates an account with {@code role} (admin, user, viewer) and returns a token for it. */
    public String userToken(String role) {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Pw-" + UUID.randomUUID();
        Response created = post("/auth/users", adminToken, MAPPER.createObjectNode().put("username", username)
                .put("password", password).put("role", role).toString());
        if (created.status() != 201) {
            throw new IllegalStateException("creating " + username + " failed: " + created.status() + " " + created.body());
        }
        return login(username, password);
    }

    @Override
    public void close() {
        app.close();
    }
}
