package homelabarr.http;

import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CorsTest {
    private static final String ORIGIN = "https://home.example.com";

    @TempDir
    Path dir;

    private static Http.Response withOrigin(Http http, String method, String path, String origin, String requestMethod) {
        HttpRequest.Builder b = http.request(path, null).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin);
        if (requestMethod != null) {
            b.header("Access-Control-Request-Method", requestMethod)
                    .header("Access-Control-Request-Headers", "authorization, content-type");
        }
        return http.send(b);
    }

    @Test
    void onlyTheConfiguredOriginGetsCorsHeaders() {
        try (TestServer server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "CORS_ORIGIN", ORIGIN))) {
            Http http = server.http();
            Http.Response ok = withOrigin(http, "GET", "/health", ORIGIN, null).assertStatus(200);
            assertThat(ok.header("Access-Control-Allow-Origin")).contains(ORIGIN);
            assertThat(ok.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
            // errors too, so the dashboard can show why a call failed
            Http.Response denied = withOrigin(http, "GET", "/api/auth/users", ORIGIN, null).assertError(401);
            assertThat(denied.header("Access-Control-Allow-Origin")).contains(ORIGIN);

            Http.Response preflight = withOrigin(http, "OPTIONS", "/api/auth/login", ORIGIN, "POST");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).contains(ORIGIN);
            assertThat(preflight.header("Access-Control-Allow-Methods").orElseThrow()).contains("POST", "DELETE", "PATCH");
            assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization", "Content-Type");
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isEmpty();

            for (String other : new String[] {"https://evil.example.com", "http://home.example.com", "null",
                    "https://home.example.com.evil.com", "https://home.example.com:8443", "HTTPS://HOME.EXAMPLE.COM"}) {
                Http.Response r = withOrigin(http, "GET", "/health", other, null).assertStatus(200);
                assertThat(r.header("Access-Control-Allow-Origin")).as(other).isEmpty();
                Http.Response p = withOrigin(http, "OPTIONS", "/auth/login", other, "POST");
                assertThat(p.header("Access-Control-Allow-Origin")).as(other).isEmpty();
                assertThat(p.header("Access-Control-Allow-Methods")).as(other).isEmpty();
            }
        }
    }

    @Test
    void noOriginGetsCorsHeadersWhenNoneIsConfigured() {
        try (TestServer server = TestServer.start(dir)) {
            for (String origin : new String[] {ORIGIN, "http://localhost:8084", "null"}) {
                Http.Response r = withOrigin(server.http(), "GET", "/health", origin, null).assertStatus(200);
                assertThat(r.header("Access-Control-Allow-Origin")).as(origin).isEmpty();
                Http.Response p = withOrigin(server.http(), "OPTIONS", "/auth/login", origin, "POST");
                assertThat(p.header("Access-Control-Allow-Origin")).as(origin).isEmpty();
            }
        }
    }
}
