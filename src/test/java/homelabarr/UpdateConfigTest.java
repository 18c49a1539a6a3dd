package homelabarr;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** UPDATE_CHECK_INTERVAL and UPDATE_HEALTH_WAIT: defaults, off, and bad values naming the variable. */
class UpdateConfigTest {
    @Test
    void defaultsOffAndBounds() {
        Config standard = Config.load(Map.of());
        assertThat(standard.updateCheckInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(standard.updateHealthWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Config.load(Map.of("UPDATE_CHECK_INTERVAL", "off")).updateCheckInterval()).isZero();
        assertThat(Config.load(Map.of("UPDATE_CHECK_INTERVAL", "30m")).updateCheckInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(Config.load(Map.of("UPDATE_HEALTH_WAIT", "45s")).updateHealthWait()).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> Config.load(Map.of("UPDATE_CHECK_INTERVAL", "1m")))
                .hasMessageContaining("UPDATE_CHECK_INTERVAL").hasMessageContaining("between 5 minutes");
        assertThatThrownBy(() -> Config.load(Map.of("UPDATE_CHECK_INTERVAL", "often")))
                .hasMessageContaining("UPDATE_CHECK_INTERVAL");
        assertThatThrownBy(() -> Config.load(Map.of("UPDATE_HEALTH_WAIT", "2h"))).hasMessageContaining("UPDATE_HEALTH_WAIT");
    }
}
