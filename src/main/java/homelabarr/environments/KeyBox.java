package homelabarr.environments;

import homelabarr.db.PrivateFiles;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts environments' client keys for the database (AES-256-GCM). The key is kept like the JWT secret: made on
 * first use, 0600 in DATA_DIR, never in the database, so a copied database alone does not give the keys away.
 */
final class KeyBox {
    static final String FILE = "environment-key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    KeyBox(Path dataDir) {
        this.key = new SecretKeySpec(load(dataDir.resolve(FILE)), "AES");
    }

    String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    String open(String sealed) {
        if (!sealed.startsWith("v1:")) {
            throw new IllegalStateException("unknown key format");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(3));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // a replaced environment-key file: the stored client keys must be uploaded again
            throw new IllegalStateException("the client key cannot be decrypted with DATA_DIR/" + FILE, e);
        }
    }

    private byte[] load(Path file) {
        try {
            PrivateFiles.folder(file.getParent());
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                try {
                    PrivateFiles.create(file, Base64.getEncoder().encodeToString(fresh).getBytes(StandardCharsets.US_ASCII));
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            PrivateFiles.restrict(file);
            byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
            if (stored.length != 32) {
                throw new IllegalStateException(FILE + " in DATA_DIR is not a 256-bit key");
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + FILE + " in DATA_DIR", e);
        }
    }
}
