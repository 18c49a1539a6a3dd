package homelabarr.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import homelabarr.testing.Http;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static homelabarr.testing.TestServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** Hostile and stale credentials over HTTP. The server's JWT_SECRET is known here so tokens can be forged with it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenTest {
    private static final String SECRET = "tokens-test-secret-0123456789abcdef-xyz";
    private TestServer server;
    private Http http;
    private String adminId;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", ADMIN_PASSWORD, "JWT_SECRET", SECRET,
                "JWT_EXPIRES_IN", "1h"));
        http = server.http();
        adminId = http.get("/auth/me", server.adminToken()).json().at("/user/id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Http.Response meWith(String authorization) {
        HttpRequest.Builder request = http.request("/auth/me", null).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request);
    }

    @Test
    void missingOrMalformedCredentialsAre401() {
        String[] headers = {null, "Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer x", "Bearer a.b.c", "Token abc",
                "Bearer " + "a".repeat(5000), "Bearer hlr_", "Bearer eyJhbGciOiJIUzI1NiJ9..", "Bearer ....."};
        for (String header : headers) {
            Http.Response r = meWith(header).assertError(401).assertNoLeak(SECRET);
            assertThat(r.header("WWW-Authenticate")).as(header).contains("Bearer");
        }
        http.get("/auth/users", null).assertError(401);
        http.get("/api/auth/users", null).assertError(401);
        http.get("/audit", null).assertError(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        SignedJWT real = SignedJWT.parse(server.adminToken());
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), real.getJWTClaimsSet());
        forged.sign(new MACSigner("some-other-secret-that-is-long-enough!!".getBytes(StandardCharsets.UTF_8)));
        http.get("/auth/me", forged.serialize()).assertError(401);
        http.get("/auth/users", forged.serialize()).assertError(401);
    }

    @Test
    void algNoneIsRefused() {
        String[] parts = server.adminToken().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        http.get("/auth/me", none + "." + parts[1] + ".").assertError(401);
        http.get("/auth/me", none + "." + parts[1] + "." + parts[2]).assertError(401);
        http.get("/auth/users", none + "." + parts[1] + ".").assertError(401);
    }

    @Test
    void aValidSignatureIsNotEnoughWithoutASession() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("homelabarr").subject(adminId)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(server.clock().instant()))
                .expirationTime(Date.from(server.clock().instant().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        http.get("/auth/users", jwt.serialize()).assertError(401).assertNoLeak(SECRET, adminId);
    }

    @Test
    void aSessionOfOneUserCannotBeBorrowedByAnother() throws Exception {
        String jti = SignedJWT.parse(server.adminToken()).getJWTClaimsSet().getJWTID();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("homelabarr").subject("someone-else")
                .jwtID(jti).expirationTime(Date.from(server.clock().instant().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        http.get("/auth/me", jwt.serialize()).assertError(401);
    }

    @Test
    void expiredTokensAreRefused() {
        String token = server.adminToken();
        http.get("/auth/me", token).assertStatus(200);
        server.clock().advance(Duration.ofMinutes(59));
        http.get("/auth/me", token).assertStatus(200);
        server.clock().advance(Duration.ofMinutes(1));
        assertThat(http.get("/auth/me", token).assertError(401).details()).contains("expired");
        http.get("/auth/me", server.adminToken()).assertStatus(200);
    }

    @Test
    void logoutRevokesExactlyThatToken() {
        String first = server.adminToken();
        String second = server.adminToken();
        assertThat(http.post("/auth/logout", first, null).assertStatus(200).json().get("success").asBoolean()).isTrue();
        http.get("/auth/me", first).assertError(401);
        http.post("/auth/logout", first, null).assertError(401);
        http.get("/auth/me", second).assertStatus(200);
        http.post("/api/auth/logout", second, null).assertStatus(200);
        http.get("/api/auth/me", second).assertError(401);
    }
}
