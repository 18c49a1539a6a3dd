package homelabarr;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deploy engine's settings in Config: defaults, and bad values stop startup naming the variable. */
class DeployConfigTest {
    @Test
    void defaults() {
        Config c = Config.load(Map.of());
        assertThat(c.traefikNetwork()).isEqualTo("proxy");
        assertThat(c.traefikEntrypoint()).isEqualTo("websecure");
        assertThat(c.traefikCertResolver()).isEqualTo("letsencrypt");
        assertThat(c.autheliaMiddleware()).isEqualTo("authelia@docker");
        assertThat(c.deployVerifyTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void givenValues() {
        Config c = Config.load(Map.of("TRAEFIK_NETWORK", "web_proxy", "AUTHELIA_MIDDLEWARE", "auth@file",
                "DEPLOY_VERIFY_TIMEOUT", "5m"));
        assertThat(c.traefikNetwork()).isEqualTo("web_proxy");
        assertThat(c.autheliaMiddleware()).isEqualTo("auth@file");
        assertThat(c.deployVerifyTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> Config.load(Map.of("TRAEFIK_NETWORK", "has space"))).hasMessageStartingWith("TRAEFIK_NETWORK");
        assertThatThrownBy(() -> Config.load(Map.of("TRAEFIK_ENTRYPOINT", "a`b"))).hasMessageStartingWith("TRAEFIK_ENTRYPOINT");
        assertThatThrownBy(() -> Config.load(Map.of("TRAEFIK_CERT_RESOLVER", "x y"))).hasMessageStartingWith("TRAEFIK_CERT_RESOLVER");
        assertThatThrownBy(() -> Config.load(Map.of("AUTHELIA_MIDDLEWARE", "a@b@c"))).hasMessageStartingWith("AUTHELIA_MIDDLEWARE");
        assertThatThrownBy(() -> Config.load(Map.of("DEPLOY_VERIFY_TIMEOUT", "0"))).hasMessageStartingWith("DEPLOY_VERIFY_TIMEOUT");
        assertThatThrownBy(() -> Config.load(Map.of("DEPLOY_VERIFY_TIMEOUT", "2h"))).hasMessageStartingWith("DEPLOY_VERIFY_TIMEOUT");
        assertThatThrownBy(() -> Config.load(Map.of("DEPLOY_VERIFY_TIMEOUT", "soon"))).hasMessageStartingWith("DEPLOY_VERIFY_TIMEOUT");
    }
}
