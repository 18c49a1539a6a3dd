package homelabarr.auth;

import homelabarr.db.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** The signing key: JWT_SECRET when given, else one generated on first start and kept (mode 0600) in DATA_DIR. */
public final class JwtSecret {
    private static final System.Logger LOG = System.getLogger(JwtSecret.class.getName());

    private JwtSecret() {
    }

    public static byte[] resolve(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("jwt-secret");
        try {
            PrivateFiles.folder(dataDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[64];
                new SecureRandom().nextBytes(fresh);
                try {
                    // written whole or not at all: a full disk must not leave an empty key that stops the next start
                    PrivateFiles.create(file, Base64.getEncoder().encodeToString(fresh).getBytes(StandardCharsets.US_ASCII));
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            if (PrivateFiles.restrict(file)) {
                LOG.log(System.Logger.Level.WARNING, "jwt-secret in DATA_DIR was readable by others; set it to 0600");
            }
            byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
            if (stored.length < 32) {
                throw new IllegalStateException("jwt-secret in DATA_DIR is shorter than 256 bits; delete it to make a new one");
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create jwt-secret in DATA_DIR", e);
        }
    }
}
