package homelabarr.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** The signing key: JWT_SECRET when given, else one generated on first start and kept (mode 0600) in DATA_DIR. */
public final class JwtSecret {
    private static final System.Logger LOG = System.getLogger(JwtSecret.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private JwtSecret() {
    }

    public static byte[] resolve(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("jwt-secret");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[64];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                LOG.log(System.Logger.Level.WARNING, "jwt-secret in DATA_DIR was readable by others; set it to 0600");
                Files.setPosixFilePermissions(file, OWNER_ONLY);
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
