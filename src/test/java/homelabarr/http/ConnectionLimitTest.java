package homelabarr.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionLimitTest {
    @Test
    void staysWellBelowTheOpenFileLimit() {
        assertThat(ConnectionLimit.of(0, 1024)).isEqualTo(384);
        assertThat(ConnectionLimit.of(0, 512)).isEqualTo(128);
        assertThat(ConnectionLimit.of(0, 256)).as("never none").isEqualTo(ConnectionLimit.FLOOR);
        assertThat(ConnectionLimit.of(0, 1_048_576)).isEqualTo(ConnectionLimit.CEILING);
    }

    @Test
    void aConfiguredLimitIsKeptUnlessTheFilesCannotCarryIt() {
        assertThat(ConnectionLimit.of(50, 1_048_576)).isEqualTo(50);
        assertThat(ConnectionLimit.of(5_000, 1024)).isEqualTo(384);
    }

    @Test
    void readsThisProcesssLimit() {
        assertThat(ConnectionLimit.openFileLimit()).isPositive();
    }
}
