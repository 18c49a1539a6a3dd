package homelabarr.db;

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
 * Encrypts secrets the database holds (notification channel secrets, environments' client keys, registry logins)
 * with AES-256-GCM under one key, generated on first use and kept in DATA_DIR/secret-key (0600) as the JWT secret
 * is, so a copied database alone gives nothing away. Each value is bound to its slot (say
 * {@code registry_credentials/ghcr.io}) as associated data: a ciphertext moved to another row or column does not
 * decrypt.
 */
public final class SecretBox {
    public static final String FILE = "secret-key";
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final System.Logger LOG = System.getLogger(SecretBox.class.getName());

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the key must be 256 bits");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key in {@code dataDir}, made (0600) on first start. */
    public static SecretBox inDataDir(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    PrivateFiles.create(file, Base64.getEncoder().encodeToString(fresh).getBytes(StandardCharsets.US_ASCII));
                    return new SecretBox(fresh);
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            if (PrivateFiles.restrict(file)) {
                LOG.log(System.Logger.Level.WARNING, FILE + " in DATA_DIR was readable by others; set it to 0600");
            }
            byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
            if (stored.length != 32) {
                throw new IllegalStateException(FILE + " in DATA_DIR is not a 256-bit key; restore it from a backup");
            }
            return new SecretBox(stored);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + FILE + " in DATA_DIR", e);
        }
    }

    public String seal(String plain, String slot) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(slot.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Throws when the value was sealed with another key or for another slot. */
    public String open(String sealed, String slot) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("unknown secret format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(slot.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret (" + slot + ") does not decrypt with DATA_DIR/" + FILE
                    + " (was the key replaced?)", e);
        }
    }
}
