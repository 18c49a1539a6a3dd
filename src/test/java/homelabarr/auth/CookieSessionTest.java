package homelabarr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static homelabarr.testing.TestServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's cookie session: cookie attributes, CSRF token and Origin rules, and that bearers are untouched. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CookieSessionTest {
    private static final String OTHER_SITE = "https://evil.example";
    private static final String PAGE_ORIGIN = "https://home.example.com";
    private TestServer server;
    private Http http;

    /** What a browser holds after a cookie login: the cookie (invisible to scripts) and the page's CSRF token. */
    record Session(String cookie, String csrf, String setCookie, JsonNode body) {
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "TRUSTED_PROXIES", "127.0.0.1", "CORS_ORIGIN", PAGE_ORIGIN));
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void refillThrottle() {
        server.clock().advance(Duration.ofHours(1));
    }

    private Session login(String username, String password, String... headers) {
        HttpRequest.Builder b = http.request("/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"username": "%s", "password": "%s", "session": "cookie"}""".formatted(username, password)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        Http.Response r = http.send(b).assertStatus(200);
        String setCookie = r.header("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Session(cookie, r.json().path("csrfToken").asText(), setCookie, r.json());
    }

    private Session adminSession() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** A request as the page sends it: the cookie, and the CSRF header when {@code csrf} is not null. */
    private Http.Response send(String method, String path, Session s, String csrf, String body, String... headers) {
        HttpRequest.Builder b = http.request(path, null).header("Cookie", s.cookie())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b);
    }

    @Test
    void aCookieLoginSetsAnHttpOnlyStrictCookieAndAnswersNoToken() {
        Session s = adminSession();
        assertThat(s.setCookie()).startsWith("hlr_session=ey")
                .contains("; Path=/", "; HttpOnly", "; SameSite=Strict", "; Max-Age=28800")
                .doesNotContain("Secure");
        assertThat(s.body().has("token")).isFalse();
        assertThat(s.body().path("csrfToken").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(s.body().at("/user/username").asText()).isEqualTo("admin");
        assertThat(s.body().has("expiresAt")).isTrue();
        assertThat(s.body().path("mustChangePassword").isBoolean()).isTrue();
    }

    @Test
    void aLoginWithoutTheSessionFieldIsUnchanged() {
        Http.Response r = http.post("/auth/login", null, """
                {"username": "admin", "password": "%s"}""".formatted(ADMIN_PASSWORD)).assertStatus(200);
        assertThat(r.header("Set-Cookie")).isEmpty();
        assertThat(r.json().has("token")).isTrue();
        assertThat(r.json().has("csrfToken")).isFalse();
    }

    @Test
    void anUnknownSessionKindIsABadRequest() {
        http.post("/auth/login", null, """
                {"username": "admin", "password": "%s", "session": "jar"}""".formatted(ADMIN_PASSWORD))
                .assertError(400);
    }

    @Test
    void theCookieAuthenticatesReadsAndMeReturnsTheCsrfToken() {
        Session s = adminSession();
        JsonNode me = send("GET", "/auth/me", s, null, null).assertStatus(200).json();
        assertThat(me.at("/user/authMethod").asText()).isEqualTo("cookie");
        assertThat(me.path("csrfToken").asText()).isEqualTo(s.csrf());
        send("GET", "/api/containers", s, null, null).assertStatus(200);
        // a bearer caller is not told a CSRF token
        assertThat(server.get("/auth/me").json().has("csrfToken")).isFalse();
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        Session s = adminSession();
        Http.Response r = send("POST", "/auth/api-keys", s, null, "{\"name\": \"no-csrf\"}").assertError(403);
        assertThat(r.error()).isEqualTo("CSRF check failed");
        send("DELETE", "/auth/api-keys/whatever", s, null, null).assertError(403);
        assertThat(server.count("SELECT COUNT(*) FROM api_keys WHERE name = 'no-csrf'")).isZero();
    }

    @Test
    void aWrongOrForeignCsrfTokenIsRefused() {
        Session mine = adminSession();
        Session other = adminSession();
        send("POST", "/auth/api-keys", mine, "not-the-token", "{\"name\": \"wrong\"}").assertError(403);
        send("POST", "/auth/api-keys", mine, other.csrf(), "{\"name\": \"foreign\"}").assertError(403);
    }

    @Test
    void theRightCsrfTokenFromTheSameOriginIsAccepted() {
        Session s = adminSession();
        send("POST", "/auth/api-keys", s, s.csrf(), "{\"name\": \"no-origin\"}").assertStatus(201);
        send("POST", "/auth/api-keys", s, s.csrf(), "{\"name\": \"same-origin\"}",
                "Origin", "http://127.0.0.1:" + http.port()).assertStatus(201);
        send("POST", "/auth/api-keys", s, s.csrf(), "{\"name\": \"cors-origin\"}",
                "Origin", PAGE_ORIGIN).assertStatus(201);
    }

    @Test
    void anotherOriginIsRefusedEvenWithTheToken() {
        Session s = adminSession();
        Http.Response r = send("POST", "/auth/api-keys", s, s.csrf(), "{\"name\": \"evil\"}", "Origin", OTHER_SITE);
        r.assertError(403);
        assertThat(r.details()).contains("Origin");
        send("POST", "/auth/api-keys", s, s.csrf(), "{\"name\": \"null\"}", "Origin", "null").assertError(403);
    }

    @Test
    void bearerTokensAndApiKeysAreNotSubjectToCsrf() {
        Session s = adminSession();
        String token = server.adminToken();
        // the bearer wins over a cookie, even a broken one, and needs no CSRF header
        Http.Response r = http.send(http.request("/auth/api-keys", token).header("Cookie", "hlr_session=garbage")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bearer\"}")));
        r.assertStatus(201);
        String key = r.json().get("key").asText();
        http.send(http.request("/auth/api-keys", key).header("Cookie", s.cookie()).header("Origin", OTHER_SITE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"by-key\"}"))).assertStatus(201);
    }

    @Test
    void logoutRevokesTheSessionAndClearsTheCookie() {
        Session s = adminSession();
        Http.Response out = send("POST", "/auth/logout", s, s.csrf(), null).assertStatus(200);
        assertThat(out.header("Set-Cookie").orElseThrow()).startsWith("hlr_session=;").contains("Max-Age=0", "HttpOnly");
        Http.Response after = send("GET", "/auth/me", s, null, null).assertError(401);
        assertThat(after.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    }

    @Test
    void logoutWithoutTheCsrfTokenIsRefused() {
        Session s = adminSession();
        send("POST", "/auth/logout", s, null, null).assertError(403);
        send("GET", "/auth/me", s, null, null).assertStatus(200);
    }

    @Test
    void anExpiredCookieIsAnUnauthorizedThatClearsIt() {
        Session s = adminSession();
        server.clock().advance(Duration.ofHours(9));
        Http.Response r = send("GET", "/auth/me", s, null, null).assertError(401);
        assertThat(r.header("Set-Cookie").orElseThrow()).startsWith("hlr_session=;").contains("Max-Age=0");
        send("GET", "/auth/me", new Session("hlr_session=not.a.jwt", "", "", null), null, null).assertError(401);
    }

    @Test
    void aPasswordChangeSetsANewCookieAndCsrfTokenInsteadOfAToken() {
        String name = "cookie-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "first-Passphrase-" + UUID.randomUUID();
        server.createUser(server.adminToken(), name, first, "user");
        Session s = login(name, first);
        String second = "second-Passphrase-" + UUID.randomUUID();
        Http.Response r = send("POST", "/auth/change-password", s, s.csrf(), """
                {"currentPassword": "%s", "newPassword": "%s"}""".formatted(first, second)).assertStatus(200);
        assertThat(r.json().has("token")).isFalse();
        String csrf = r.json().path("csrfToken").asText();
        assertThat(csrf).isNotBlank().isNotEqualTo(s.csrf());
        String setCookie = r.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict");
        Session fresh = new Session(setCookie.substring(0, setCookie.indexOf(';')), csrf, setCookie, r.json());
        send("GET", "/auth/me", s, null, null).assertError(401);
        assertThat(send("GET", "/auth/me", fresh, null, null).assertStatus(200).json().path("csrfToken").asText())
                .isEqualTo(csrf);
    }

    @Test
    void theCookieIsSecureWhenATrustedProxySaysTheClientUsedHttps() {
        // the test client connects from 127.0.0.1, which this server trusts as a proxy
        Session viaProxy = login("admin", ADMIN_PASSWORD, "X-Forwarded-Proto", "https");
        assertThat(viaProxy.setCookie()).endsWith("; Secure");
        // the page behind the proxy has the proxy's origin
        send("POST", "/auth/api-keys", viaProxy, viaProxy.csrf(), "{\"name\": \"behind-proxy\"}",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "lab.example.org",
                "Origin", "https://lab.example.org").assertStatus(201);
    }

    @Test
    void aForwardedProtoFromAnUntrustedPeerIsIgnored(@TempDir Path dir) {
        try (TestServer plain = TestServer.start(dir)) {
            Http.Response r = plain.http().send(plain.http().request("/auth/login", null)
                    .header("Content-Type", "application/json").header("X-Forwarded-Proto", "https")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"username": "admin", "password": "%s", "session": "cookie"}""".formatted(ADMIN_PASSWORD))));
            assertThat(r.assertStatus(200).header("Set-Cookie").orElseThrow()).doesNotContain("Secure");
        }
    }
}
