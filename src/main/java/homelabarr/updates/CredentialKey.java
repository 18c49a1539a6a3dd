package homelabarr.updates;

import homelabarr.db.PrivateFiles;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key registry passwords are encrypted with, kept like the JWT secret: generated on first use and stored in
 * DATA_DIR (mode 0600), apart from the database, so a copy of the database alone does not reveal them.
 */
final class CredentialKey {
    private static final String FILE = "registry-key";

    private CredentialKey() {
    }

    static SecretKey load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    PrivateFiles.create(file, Base64.getEncoder().encodeToString(fresh).getBytes(StandardCharsets.US_ASCII));
                    return new SecretKeySpec(fresh, "AES");
                } catch (FileAlreadyExistsException raced) {
                    // made by another start at the same moment: use that one
                }
            }
            PrivateFiles.restrict(file);
            byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
            if (stored.length != 32) {
                throw new IllegalStateException("registry-key in DATA_DIR is not a 256-bit key");
            }
            return new SecretKeySpec(stored, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create registry-key in DATA_DIR", e);
        }
    }
}
