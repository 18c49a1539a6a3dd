package homelabarr.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static homelabarr.testing.TestServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginTest {
    private TestServer server;
    private Http http;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Failed logins of one test must not throttle the next: an hour refills every bucket. */
    @BeforeEach
    void refillThrottle() {
        server.clock().advance(Duration.ofHours(1));
    }

    private Http.Response login(String username, String password) {
        return http.post("/auth/login", null, """
                {"username": "%s", "password": "%s"}""".formatted(username, password));
    }

    @Test
    void answersATokenAndTheUserAsTheContractShows() throws Exception {
        Http.Response r = login("admin", ADMIN_PASSWORD).assertStatus(200).assertNoLeak(ADMIN_PASSWORD);
        JsonNode body = r.json();
        assertThat(body.get("user").get("username").asText()).isEqualTo("admin");
        assertThat(body.get("user").get("role").asText()).isEqualTo("admin");
        assertThat(body.get("mustChangePassword").asBoolean()).isFalse();
        SignedJWT jwt = SignedJWT.parse(body.get("token").asText());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
                .isEqualTo(server.clock().instant().plus(Duration.ofHours(8)));
        assertThat(r.body()).doesNotContainIgnoringCase("password\":\"");
    }

    @Test
    void theTokenIdentifiesTheCaller() {
        String token = login("admin", ADMIN_PASSWORD).json().get("token").asText();
        JsonNode me = http.get("/auth/me", token).assertStatus(200).json().get("user");
        assertThat(me.get("username").asText()).isEqualTo("admin");
        assertThat(me.get("role").asText()).isEqualTo("admin");
        assertThat(me.get("mustChangePassword").asBoolean()).isFalse();
        assertThat(me.get("authMethod").asText()).isEqualTo("token");
        assertThat(me.get("id").asText()).isNotBlank();
        assertThat(http.get("/api/auth/me", token).assertStatus(200).json().at("/user/username").asText()).isEqualTo("admin");
    }

    @Test
    void worksUnderTheApiPrefix() {
        Http.Response r = http.post("/api/auth/login", null, """
                {"username": "admin", "password": "%s"}""".formatted(ADMIN_PASSWORD)).assertStatus(200);
        assertThat(r.json().at("/user/role").asText()).isEqualTo("admin");
    }

    @Test
    void usernamesIgnoreCase() {
        assertThat(login("ADMIN", ADMIN_PASSWORD).assertStatus(200).json().at("/user/username").asText())
                .isEqualTo("admin");
    }

    @Test
    void configuredPasswordReplacesTheDefault() {
        login("admin", "admin").assertError(401);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Http.Response wrong = login("admin", "not the password at all").assertError(401);
        Http.Response unknown = login("nobody-here", "not the password at all").assertError(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(wrong.details()).isEqualTo("Invalid username or password");
        assertThat(wrong.header("WWW-Authenticate")).contains("Bearer");
        assertThat(unknown.header("WWW-Authenticate")).contains("Bearer");
    }

    /** Without the decoy hash an unknown name answers in about a millisecond instead of tens. */
    @Test
    void unknownUsersTakeAsLongAsWrongPasswords() {
        login("admin", "warm-up wrong password");
        login("warm-up-unknown", "warm-up wrong password");
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            int i = round;
            server.clock().advance(Duration.ofHours(1));
            wrong.add(timed(() -> login("admin", "wrong password number " + i).assertError(401)));
            unknown.add(timed(() -> login("unknown-user-" + i, "wrong password number " + i).assertError(401)));
        }
        assertThat(median(unknown)).as("unknown %s vs wrong %s (ns)", unknown, wrong).isGreaterThan(median(wrong) / 2);
    }

    @Test
    void sqlMetacharactersAreJustWrongNames() {
        String[] names = {"admin' OR '1'='1", "admin'--", "admin\\\"; DROP TABLE users; --", "' OR 1=1 --",
                "%", "_____", "admin%", "admin' /*", "); DELETE FROM users; --", "admin\\u0000"};
        String expected = login("nobody", "whatever password").assertError(401).body();
        for (String name : names) {
            assertThat(login(name, "whatever password").assertError(401).body()).as(name).isEqualTo(expected);
        }
        server.clock().advance(Duration.ofHours(1));
        String token = server.adminToken();
        JsonNode users = http.get("/auth/users", token).assertStatus(200).json();
        assertThat(users.get("data")).extracting(u -> u.get("username").asText()).contains("admin");
    }

    @Test
    void missingOrEmptyFieldsAre400() {
        for (String body : new String[] {
                "{\"username\": \"admin\"}",
                "{\"password\": \"x\"}",
                "{\"username\": \"\", \"password\": \"x\"}",
                "{\"username\": \"   \", \"password\": \"x\"}",
                "{\"username\": \"admin\", \"password\": \"\"}",
                "{}"}) {
            http.post("/auth/login", null, body).assertError(400);
        }
    }

    @Test
    void unexpectedShapesAre400() {
        http.post("/auth/login", null, """
                {"username": "admin", "password": "x", "admin": true}""").assertError(400);
        http.post("/auth/login", null, """
                {"username": ["admin"], "password": "x"}""").assertError(400);
        http.post("/auth/login", null, """
                {"username": "admin", "password": {"$ne": null}}""").assertError(400);
    }

    @Test
    void hugeCredentialsWithinTheBodyLimitAreRefusedQuietly() {
        long start = System.nanoTime();
        login("admin", "p".repeat(200_000)).assertError(401);
        login("u".repeat(200_000), "password").assertError(401);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
