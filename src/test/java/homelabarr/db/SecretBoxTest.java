package homelabarr.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key in DATA_DIR and what it refuses: a value moved to another slot, or sealed under another key. */
class SecretBoxTest {
    @Test
    void theKeyIsMadeOnceOwnerOnlyAndKept(@TempDir Path dir) throws Exception {
        SecretBox first = SecretBox.inDataDir(dir);
        Path key = dir.resolve(SecretBox.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String sealed = first.seal("hunter2-but-longer", "notification_channels/a/token");
        assertThat(sealed).startsWith("v1:").doesNotContain("hunter2");
        assertThat(SecretBox.inDataDir(dir).open(sealed, "notification_channels/a/token")).isEqualTo("hunter2-but-longer");
        assertThat(first.seal("same", "slot")).isNotEqualTo(first.seal("same", "slot"));
    }

    @Test
    void aValueOpensOnlyInItsOwnSlotWithItsOwnKey(@TempDir Path one, @TempDir Path two) {
        SecretBox box = SecretBox.inDataDir(one);
        String sealed = box.seal("secret", "notification_channels/a/token");
        assertThatThrownBy(() -> box.open(sealed, "notification_channels/b/token"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("secret\"");
        assertThatThrownBy(() -> SecretBox.inDataDir(two).open(sealed, "notification_channels/a/token"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open("plain", "x")).isInstanceOf(IllegalStateException.class);
    }
}
