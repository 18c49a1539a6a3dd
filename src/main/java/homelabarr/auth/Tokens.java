package homelabarr.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import homelabarr.http.ApiException;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** HS256 JSON Web Tokens: signed, expiring, each with a unique {@code jti} so it can be revoked. */
final class Tokens {
    private static final String ISSUER = "homelabarr";
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    record Issued(String token, String jti, Instant expiresAt) {
    }

    record Claims(String jti, String userId) {
    }

    Tokens(byte[] secret, Duration lifetime, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The JWT secret must be at least 256 bits", e);
        }
        this.lifetime = lifetime;
        this.clock = clock;
    }

    Issued issue(String userId) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(userId).jwtID(jti)
                .issueTime(Date.from(now)).expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return new Issued(jwt.serialize(), jti, expires);
    }

    /** Checks signature, algorithm, issuer and expiry; a 401 with a plain reason otherwise. */
    Claims verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw ApiException.unauthorized("The token is malformed");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw ApiException.unauthorized("The token uses an unsupported algorithm");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw ApiException.unauthorized("The token signature is invalid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
                throw ApiException.unauthorized("The token has expired; log in again");
            }
            if (!ISSUER.equals(claims.getIssuer()) || claims.getJWTID() == null || claims.getSubject() == null) {
                throw ApiException.unauthorized("The token is not one of ours");
            }
            return new Claims(claims.getJWTID(), claims.getSubject());
        } catch (JOSEException | ParseException e) {
            throw ApiException.unauthorized("The token signature is invalid");
        }
    }
}
