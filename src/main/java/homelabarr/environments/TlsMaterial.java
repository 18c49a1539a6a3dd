package homelabarr.environments;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The PEM texts of mutual TLS (the CA that signed the engine's certificate, the client certificate and its key),
 * parsed: {@link #parse} refuses anything that is not usable with a message saying which part is wrong, so a bad
 * upload is a 400 and never a failure at the first engine call. The key lives only in memory from here on.
 */
record TlsMaterial(List<X509Certificate> ca, List<X509Certificate> chain, PrivateKey key) {

    /** Thrown for material that cannot be used; the message names the part and is safe to show. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    static TlsMaterial parse(String caPem, String certPem, String keyPem) {
        List<X509Certificate> ca = certificates("ca", caPem);
        List<X509Certificate> chain = certificates("cert", certPem);
        PrivateKey key = privateKey(keyPem);
        if (!sameKey(chain.getFirst(), key)) {
            throw new Invalid("key does not belong to the client certificate (cert)");
        }
        return new TlsMaterial(ca, chain, key);
    }

    SSLContext sslContext() {
        try {
            char[] none = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
            KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            km.init(keys, none);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < ca.size(); i++) {
                trusted.setCertificateEntry("ca" + i, ca.get(i));
            }
            TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tm.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new Invalid("the certificate and key cannot be used for TLS: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(String field, String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new Invalid(field + " must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
        try {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : read) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new Invalid(field + " holds no certificate");
            }
            return out;
        } catch (CertificateException | ClassCastException e) {
            throw new Invalid(field + " is not a valid PEM certificate");
        }
    }

    private static PrivateKey privateKey(String pem) {
        if (pem == null || !pem.contains("PRIVATE KEY-----")) {
            throw new Invalid("key must be a PEM private key (-----BEGIN PRIVATE KEY----- or RSA/EC PRIVATE KEY)");
        }
        if (pem.contains("ENCRYPTED") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new Invalid("key is protected by a passphrase: give the key without one");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new Invalid("key is not a private key");
        } catch (IOException | RuntimeException e) {
            if (e instanceof Invalid invalid) {
                throw invalid;
            }
            throw new Invalid("key is not a valid PEM private key");
        }
    }

    /** Signs a few bytes with the key and checks them with the certificate's public key. */
    private static boolean sameKey(X509Certificate cert, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            throw new Invalid("key type " + key.getAlgorithm() + " is not supported (use RSA, EC or Ed25519)");
        }
        try {
            byte[] probe = "homelabarr".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
