package homelabarr.environments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client keys at rest: sealed with a key made once, kept owner-only in DATA_DIR; another key cannot open them. */
class KeyBoxTest {
    @TempDir
    Path dir;

    @Test
    void sealsAndOpensWithTheKeptKeyOnly() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIE…secret…\n-----END PRIVATE KEY-----\n";
        KeyBox box = new KeyBox(dir.resolve("a"));
        String sealed = box.seal(pem);
        assertThat(sealed).startsWith("v1:").doesNotContain("secret").doesNotContain("PRIVATE");
        assertThat(box.seal(pem)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(new KeyBox(dir.resolve("a")).open(sealed)).as("the same key after a restart").isEqualTo(pem);
        assertThat(Files.getPosixFilePermissions(dir.resolve("a").resolve(KeyBox.FILE)))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThatThrownBy(() -> new KeyBox(dir.resolve("b")).open(sealed)).isInstanceOf(IllegalStateException.class);
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalStateException.class);
    }
}
