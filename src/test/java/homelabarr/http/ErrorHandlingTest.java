package homelabarr.http;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** One error body everywhere, and nothing internal in any answer, whatever is thrown at the server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorHandlingTest {
    private TestServer server;
    private Http http;
    private String admin;
    private String[] secrets;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.start(dir);
        http = server.http();
        admin = server.adminToken();
        secrets = new String[] {dir.toString(), Files.readString(dir.resolve("jwt-secret")).strip(),
                TestServer.ADMIN_PASSWORD};
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Http.Response error(Http.Response r, int status) {
        return r.assertError(status).assertNoLeak(secrets);
    }

    private Http.Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = http.request(path, admin).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b);
    }

    @Test
    void unknownRoutesAre404UnderBothPrefixes() {
        for (String path : new String[] {"/x", "/api/x", "/auth", "/auth/users/a/b", "/api/api/health",
                "/health/", "/auth/api-keys/", "/.env", "/jwt-secret", "/homelabarr.db", "/auth/login%00"}) {
            for (String method : new String[] {"GET", "POST", "DELETE"}) {
                error(http.send(http.request(path, null).method(method, HttpRequest.BodyPublishers.noBody())), 404);
            }
        }
    }

    /** Every route of the contract answers the same under /x and /api/x: 401 without credentials, else its answer. */
    @Test
    void everyRouteAnswersUnderBothPrefixes() {
        String[][] routes = {{"POST", "/auth/logout", "401"}, {"GET", "/auth/me", "401"},
                {"POST", "/auth/change-password", "401"}, {"POST", "/auth/users", "401"}, {"GET", "/auth/users", "401"},
                {"PATCH", "/auth/users/some-id", "401"}, {"DELETE", "/auth/users/some-id", "401"},
                {"POST", "/auth/api-keys", "401"}, {"GET", "/auth/api-keys", "401"},
                {"DELETE", "/auth/api-keys/some-id", "401"}, {"GET", "/audit", "401"},
                {"POST", "/auth/login", "400"}, {"GET", "/health", "200"}};
        for (String[] route : routes) {
            for (String prefix : new String[] {"", "/api"}) {
                Http.Response r = http.send(http.request(prefix + route[1], null)
                        .method(route[0], HttpRequest.BodyPublishers.noBody()));
                assertThat(r.status()).as(route[0] + " " + prefix + route[1]).isEqualTo(Integer.parseInt(route[2]));
                if (r.status() != 200) {
                    error(r, r.status());
                }
            }
        }
    }

    @Test
    void wrongMethodsAre405NamingTheAllowedOnes() {
        assertAllowed("PUT", "/auth/login", "POST");
        assertAllowed("GET", "/auth/login", "POST");
        assertAllowed("DELETE", "/health", "GET");
        assertAllowed("POST", "/health", "GET");
        assertAllowed("GET", "/auth/logout", "POST");
        assertAllowed("POST", "/auth/me", "GET");
        assertAllowed("GET", "/auth/change-password", "POST");
        assertAllowed("PUT", "/auth/users", "GET", "POST");
        assertAllowed("GET", "/auth/users/some-id", "DELETE", "PATCH");
        assertAllowed("PATCH", "/auth/api-keys", "GET", "POST");
        assertAllowed("GET", "/auth/api-keys/some-id", "DELETE");
        assertAllowed("POST", "/audit", "GET");
        assertAllowed("HEAD", "/health", "GET");
    }

    private void assertAllowed(String method, String path, String... allowed) {
        for (String prefix : new String[] {"", "/api"}) {
            Http.Response r = http.send(http.request(prefix + path, null).method(method, HttpRequest.BodyPublishers.noBody()));
            assertThat(r.status()).as(method + " " + prefix + path).isEqualTo(405);
            if (!method.equals("HEAD")) {
                error(r, 405);
            }
            Set<String> header = new TreeSet<>(Arrays.asList(r.header("Allow").orElseThrow().split(",\\s*")));
            assertThat(header).as(method + " " + prefix + path).isEqualTo(new TreeSet<>(Arrays.asList(allowed)));
        }
        Http.Response options = http.send(http.request(path, null).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).isPresent();
    }

    @Test
    void malformedJsonIs400() {
        String[] bodies = {"{\"username\": ", "{\"username\": \"admin\"}}", "{} {}", "{'username': 'admin'}",
                "{\"username\": \"admin\",}", "NaN", "nul", "\u0000", "{\"a\"", "[".repeat(10_000),
                "{\"username\":".repeat(200), "--", "<xml/>", "\"just a string\"", "42", "true", "null", "[]",
                "{\"username\": \"\\ud800\", \"password\": 1"};
        String[] paths = {"/auth/login", "/auth/users", "/auth/api-keys", "/auth/change-password"};
        for (String path : paths) {
            for (String body : bodies) {
                assertThat(error(http.post(path, admin, body), 400).error()).as(path + " " + body)
                        .isIn("Invalid JSON", "Invalid request");
            }
            error(send("POST", path, "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}), 400);
        }
        error(http.patch("/auth/users/any", admin, "{\"role\": "), 400);
    }

    @Test
    void missingBodyIs400() {
        for (String path : new String[] {"/auth/login", "/auth/users", "/auth/api-keys", "/auth/change-password"}) {
            assertThat(error(http.post(path, admin, null), 400).error()).isEqualTo("Missing request body");
        }
    }

    @Test
    void wrongContentTypeIs415() {
        byte[] json = "{\"username\": \"admin\", \"password\": \"x\"}".getBytes();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/xml", "text/json", "application/jsonp"}) {
            assertThat(error(send("POST", "/auth/login", type, json), 415).error()).as(type).isEqualTo("Unsupported media type");
            error(send("POST", "/api/auth/api-keys", type, json), 415);
        }
        error(send("POST", "/auth/login", null, json), 415);
        send("POST", "/auth/login", "application/json; charset=utf-8", json).assertError(401);
        send("POST", "/auth/login", "application/merge-patch+json", json).assertError(401);
        error(send("POST", "/auth/login", ";;;/", json), 400);
    }

    @Test
    void oversizedBodiesAre413AndTheServerCarriesOn() {
        String head = "POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        assertRaw413(http.raw(head + "Content-Length: 2000000\r\n", 200_000));
        assertRaw413(http.raw(head + "Content-Length: 50000000\r\n", 200_000));
        assertRaw413(http.rawChunked(head + "Transfer-Encoding: chunked\r\n", 2_000_000));
        assertRaw413(http.rawChunked(head.replace("/auth/login", "/api/auth/api-keys") + "Authorization: Bearer " + admin
                + "\r\nTransfer-Encoding: chunked\r\n", 6_000_000));
        // a body just under the limit is read and judged on its content
        String name = "n".repeat(1_000_000);
        assertThat(error(http.post("/auth/api-keys", admin, "{\"name\": \"" + name + "\"}"), 400).details()).startsWith("name: ");
        http.get("/health").assertStatus(200);
        http.get("/auth/me", admin).assertStatus(200);
    }

    private void assertRaw413(String answer) {
        assertThat(Http.rawStatus(answer)).as(answer).isEqualTo(413);
        JsonNode body = Http.rawJson(answer);
        assertThat(body.get("error").asText()).isEqualTo("Request body too large");
        assertThat(body.get("details").asText()).isNotBlank();
        for (String secret : secrets) {
            assertThat(answer).doesNotContain(secret);
        }
    }

    @Test
    void requestsTheServerCannotParseStillGetTheErrorBody() {
        String[] requests = {"GARBAGE\r\n", "GET /%zz HTTP/1.1\r\nHost: x\r\n", "GET /health HTTP/1.1\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n",
                "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n"};
        for (String request : requests) {
            String answer = http.raw(request, 0);
            assertThat(Http.rawStatus(answer)).as(request).isBetween(400, 499);
            JsonNode body = Http.rawJson(answer);
            assertThat(body.get("error").asText()).isNotBlank();
            assertThat(answer).doesNotContain("Exception", "<html", "\tat ");
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (Http.Response r : new Http.Response[] {http.get("/health"), http.get("/nope"), http.get("/auth/users", null),
                http.post("/auth/login", null, "{"), http.get("/auth/users", admin)}) {
            assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.header("X-Frame-Options")).contains("DENY");
            assertThat(r.header("Cache-Control")).contains("no-store");
            assertThat(r.header("Referrer-Policy")).contains("no-referrer");
            assertThat(r.header("Access-Control-Allow-Origin")).isEmpty();
            r.assertNoLeak(secrets);
        }
    }
}
