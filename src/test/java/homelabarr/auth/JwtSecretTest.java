package homelabarr.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSecretTest {
    @TempDir
    Path dir;

    @Test
    void generatedOnceKeptOwnerOnly() throws Exception {
        byte[] first = JwtSecret.resolve(Optional.empty(), dir);
        Path file = dir.resolve("jwt-secret");
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(JwtSecret.resolve(Optional.empty(), dir)).isEqualTo(first);
    }

    @Test
    void configuredSecretWinsAndWritesNothing() {
        byte[] secret = JwtSecret.resolve(Optional.of("0123456789abcdef0123456789abcdef"), dir);
        assertThat(secret).isEqualTo("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        assertThat(dir.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void tightensAFileOthersCouldRead() throws Exception {
        Path file = dir.resolve("jwt-secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[48]));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(JwtSecret.resolve(Optional.empty(), dir)).hasSize(48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesAStoredSecretThatIsTooShort() throws Exception {
        Files.writeString(dir.resolve("jwt-secret"), Base64.getEncoder().encodeToString(new byte[8]));
        Files.setPosixFilePermissions(dir.resolve("jwt-secret"), PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> JwtSecret.resolve(Optional.empty(), dir)).hasMessageContaining("256 bits");
    }
}
