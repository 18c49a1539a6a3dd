package homelabarr.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import homelabarr.http.ApiException;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-tokens-test".getBytes(StandardCharsets.UTF_8);
    private final TestServer.TestClock clock = new TestServer.TestClock();
    private final Tokens tokens = new Tokens(SECRET, Duration.ofHours(1), clock);

    @Test
    void issuedTokenVerifiesWithItsJtiAndUser() throws Exception {
        Tokens.Issued issued = tokens.issue("user-1");
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        Tokens.Claims claims = tokens.verify(issued.token());
        assertThat(claims).isEqualTo(new Tokens.Claims(issued.jti(), "user-1"));
        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isEqualTo(issued.jti());
    }

    @Test
    void everyTokenHasItsOwnJti() {
        assertThat(tokens.issue("u").jti()).isNotEqualTo(tokens.issue("u").jti());
    }

    @Test
    void expiresAfterItsLifetime() {
        Tokens.Issued issued = tokens.issue("u");
        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.verify(issued.token()).userId()).isEqualTo("u");
        clock.advance(Duration.ofMinutes(1));
        assertRejected(issued.token(), "expired");
    }

    @Test
    void rejectsAnotherKeysSignature() throws Exception {
        String forged = sign(JWSAlgorithm.HS256, "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                claims("u", "jti-1"));
        assertRejected(forged, "signature");
    }

    @Test
    void rejectsAlgNone() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long expires = clock.instant().getEpochSecond() + 600;
        String payload = b64("{\"iss\":\"homelabarr\",\"sub\":\"u\",\"jti\":\"j\",\"exp\":" + expires + "}");
        assertRejected(header + "." + payload + ".", null);
        assertRejected(header + "." + payload, null);
    }

    @Test
    void rejectsOtherHmacAlgorithmsEvenWithOurKey() throws Exception {
        byte[] longKey = new byte[64];
        System.arraycopy(SECRET, 0, longKey, 0, SECRET.length);
        assertRejected(sign(JWSAlgorithm.HS512, longKey, claims("u", "j")), "algorithm");
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = tokens.issue("user-1").token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("user-1", "user-2");
        assertRejected(parts[0] + "." + b64(payload) + "." + parts[2], "signature");
    }

    @Test
    void rejectsOurSignatureOnForeignClaims() throws Exception {
        JWTClaimsSet noJti = new JWTClaimsSet.Builder().issuer("homelabarr").subject("u")
                .expirationTime(Date.from(clock.instant().plusSeconds(600))).build();
        assertRejected(sign(JWSAlgorithm.HS256, SECRET, noJti), "not one of ours");
        JWTClaimsSet otherIssuer = new JWTClaimsSet.Builder().issuer("someone-else").subject("u").jwtID("j")
                .expirationTime(Date.from(clock.instant().plusSeconds(600))).build();
        assertRejected(sign(JWSAlgorithm.HS256, SECRET, otherIssuer), "not one of ours");
        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder().issuer("homelabarr").subject("u").jwtID("j").build();
        assertRejected(sign(JWSAlgorithm.HS256, SECRET, noExpiry), "expired");
    }

    @Test
    void rejectsGarbage() {
        for (String garbage : new String[] {"", "x", "a.b.c", "....", "eyJ.eyJ.", "{\"alg\":\"HS256\"}", "a.b.c.d.e"}) {
            assertRejected(garbage, null);
        }
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> new Tokens(new byte[16], Duration.ofHours(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private JWTClaimsSet claims(String subject, String jti) {
        return new JWTClaimsSet.Builder().issuer("homelabarr").subject(subject).jwtID(jti)
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(600))).build();
    }

    private static String sign(JWSAlgorithm alg, byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRejected(String token, String reasonContains) {
        assertThatThrownBy(() -> tokens.verify(token))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    if (reasonContains != null) {
                        assertThat(e.details()).contains(reasonContains);
                    }
                });
    }
}
