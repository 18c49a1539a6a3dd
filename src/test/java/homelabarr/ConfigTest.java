package homelabarr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    @TempDir
    Path dir;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsWhenNothingIsSet() {
        Config c = Config.load(Map.of());
        assertThat(c.port()).isEqualTo(8092);
        assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(c.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(c.authEnabled()).isTrue();
        assertThat(c.jwtSecret()).isEmpty();
        assertThat(c.jwtExpiresIn()).isEqualTo(Duration.ofHours(8));
        assertThat(c.adminPassword()).isEmpty();
        assertThat(c.corsOrigin()).isEmpty();
        assertThat(c.databaseFile()).isEqualTo(c.dataDir().resolve("homelabarr.db"));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxConnections()).as("derived from the open-file limit").isZero();
    }

    @Test
    void requestTimeoutAndConnectionLimit() {
        Config c = Config.load(env("REQUEST_TIMEOUT", "5s", "MAX_CONNECTIONS", "200"));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxConnections()).isEqualTo(200);
    }

    @Test
    void readsEveryVariable() {
        Config c = Config.load(env("PORT", "9000", "BIND_ADDRESS", "127.0.0.1", "DOCKER_HOST", "tcp://10.0.0.2:2375",
                "AUTH_ENABLED", "false", "JWT_SECRET", "0123456789abcdef0123456789abcdef", "JWT_EXPIRES_IN", "30m",
                "HOMELABARR_ADMIN_PASSWORD", "a long and unusual passphrase", "CORS_ORIGIN", "https://home.example.com"));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(c.dockerHost()).isEqualTo("tcp://10.0.0.2:2375");
        assertThat(c.authEnabled()).isFalse();
        assertThat(c.jwtSecret()).contains("0123456789abcdef0123456789abcdef");
        assertThat(c.jwtExpiresIn()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.adminPassword()).contains("a long and unusual passphrase");
        assertThat(c.corsOrigin()).contains("https://home.example.com");
    }

    @Test
    void blankValuesMeanUnset() {
        Config c = Config.load(env("PORT", "  ", "JWT_SECRET", "", "CORS_ORIGIN", " "));
        assertThat(c.port()).isEqualTo(8092);
        assertThat(c.jwtSecret()).isEmpty();
        assertThat(c.corsOrigin()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"3600, PT1H", "60s, PT1M", "90s, PT1M30S", "30m, PT30M", "8h, PT8H", "7d, PT168H", "30d, PT720H", "2H, PT2H"})
    void durations(String raw, String expected) {
        assertThat(Config.load(env("JWT_EXPIRES_IN", raw)).jwtExpiresIn()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void booleansAcceptTheUsualSpellings() {
        for (String yes : new String[] {"true", "TRUE", "1", "yes", "on"}) {
            assertThat(Config.load(env("AUTH_ENABLED", yes)).authEnabled()).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "False", "0", "no", "off"}) {
            assertThat(Config.load(env("AUTH_ENABLED", no)).authEnabled()).as(no).isFalse();
        }
    }

    /** Every bad value stops startup, and the message starts with the variable's name. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PORT|abc",
            "PORT|-1",
            "PORT|65536",
            "PORT|99999999999",
            "BIND_ADDRESS|example.com",
            "BIND_ADDRESS|0.0.0.0; rm -rf /",
            "BIND_ADDRESS|:::::::::",
            "DOCKER_HOST|http://localhost:2375",
            "DOCKER_HOST|/var/run/docker.sock",
            "DOCKER_HOST|unix:// bad host",
            "AUTH_ENABLED|maybe",
            "JWT_SECRET|too-short-secret",
            "JWT_EXPIRES_IN|forever",
            "JWT_EXPIRES_IN|0",
            "JWT_EXPIRES_IN|45s",
            "JWT_EXPIRES_IN|31d",
            "JWT_EXPIRES_IN|-5m",
            "HOMELABARR_ADMIN_PASSWORD|admin",
            "HOMELABARR_ADMIN_PASSWORD|short",
            "HOMELABARR_ADMIN_PASSWORD|password1234",
            "CORS_ORIGIN|*",
            "TRUSTED_PROXIES|proxy.lan",
            "TRUSTED_PROXIES|10.0.0.0/40",
            "DEPLOY_VERIFY_TIMEOUT|0",
            "DEPLOY_VERIFY_TIMEOUT|2h",
            "REQUEST_TIMEOUT|0",
            "REQUEST_TIMEOUT|11m",
            "MAX_CONNECTIONS|lots",
            "MAX_CONNECTIONS|4",
            "MAX_CONNECTIONS|100001",
            "TRAEFIK_NETWORK|bad name",
            "CORS_ORIGIN|https://a.example.com,https://b.example.com",
            "CORS_ORIGIN|https://home.example.com/",
            "CORS_ORIGIN|javascript:alert(1)",
    })
    void badValueNamesTheVariable(String variable, String value) {
        assertThatThrownBy(() -> Config.load(env(variable, value)))
                .isInstanceOf(Config.InvalidConfigException.class)
                .hasMessageStartingWith(variable + ": ");
    }

    @Test
    void dataDirThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> Config.load(Map.of("DATA_DIR", file.toString())))
                .isInstanceOf(Config.InvalidConfigException.class)
                .hasMessageStartingWith("DATA_DIR: ");
    }

    @Test
    void secretValuesAreNotEchoedInErrors() {
        assertThatThrownBy(() -> Config.load(env("JWT_SECRET", "my-secret-value")))
                .hasMessageNotContaining("my-secret-value");
        assertThatThrownBy(() -> Config.load(env("HOMELABARR_ADMIN_PASSWORD", "hunter2")))
                .hasMessageNotContaining("hunter2");
    }
}
