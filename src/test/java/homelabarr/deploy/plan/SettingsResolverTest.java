package homelabarr.deploy.plan;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.TemplateParser;
import homelabarr.errors.Refused;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a request's config becomes a deployment's settings. */
class SettingsResolverTest {
    private final SettingsResolver resolver = new SettingsResolver(new SecretGenerator());
    private final AppTemplate app = parse();

    @Test
    void idSetsBothIdsAndDefaultsFillTheRest() {
        ResolvedSettings s = resolver.resolve(app, Map.of("ID", 1001, "TZ", "Europe/Berlin"));
        assertThat(s.values()).containsEntry("PUID", "1001").containsEntry("PGID", "1001")
                .containsEntry("TZ", "Europe/Berlin").containsEntry("APPFOLDER", "/opt/appdata")
                .containsEntry("WEBUI_PORT", "8080");
        assertThat(resolver.resolve(app, Map.of("ID", "1001", "PGID", "100")).values()).containsEntry("PGID", "100");
    }

    @Test
    void generatedSecretsAreUrlSafeAndMasked() {
        ResolvedSettings s = resolver.resolve(app, Map.of());
        assertThat(s.values().get("DB_PASSWORD")).matches("[A-Za-z0-9]{32}");
        assertThat(resolver.resolve(app, Map.of()).values().get("DB_PASSWORD")).isNotEqualTo(s.values().get("DB_PASSWORD"));
        assertThat(s.masked()).containsEntry("DB_PASSWORD", "********");
        assertThat(s.secretValues()).contains(s.values().get("DB_PASSWORD"));
        assertThat(resolver.resolve(app, Map.of("DB_PASSWORD", "given-one")).values()).containsEntry("DB_PASSWORD", "given-one");
    }

    @Test
    void secretsOfAFixedFormatAreGeneratedAndCheckedInIt() {
        ResolvedSettings s = resolver.resolve(app, Map.of());
        assertThat(s.values().get("HEX_KEY")).matches("[0-9a-f]{64}");
        assertThat(s.values().get("B64_KEY")).matches("[A-Za-z0-9+/]{43}=");
        assertThat(java.util.Base64.getDecoder().decode(s.values().get("B64_KEY"))).hasSize(32);
        assertThatThrownBy(() -> resolver.resolve(app, Map.of("HEX_KEY", "not-hex"))).hasMessageContaining("config.HEX_KEY");
        assertThatThrownBy(() -> resolver.resolve(app, Map.of("B64_KEY", "short"))).hasMessageContaining("config.B64_KEY");
        assertThat(resolver.resolve(app, Map.of("HEX_KEY", "ab".repeat(32))).values()).containsEntry("HEX_KEY", "ab".repeat(32));
    }

    @Test
    void problemsNameTheField() {
        assertThatThrownBy(() -> resolver.resolve(app, Map.of("WEBUI_PORT", "0"))).isInstanceOf(Refused.class)
                .hasMessageContaining("config.WEBUI_PORT");
        assertThatThrownBy(() -> resolver.resolve(app, Map.of("PUID", "1.5"))).hasMessageContaining("config.PUID");
        assertThatThrownBy(() -> resolver.resolve(app, Map.of("DOMAIN", "a b"))).hasMessageContaining("config.DOMAIN");
        assertThatThrownBy(() -> resolver.resolve(app, Map.of("Other\n", "1"))).hasMessageContaining("config.Other?");
    }

    private static AppTemplate parse() {
        try {
            return new TemplateParser().parse("myapps", "unit", """
                    x-homelabarr:
                      name: Unit
                      description: unit
                      category: myapps
                      icon: test
                      website: https://example.com
                      settings:
                        - key: WEBUI_PORT
                          label: Port
                          type: port
                          default: "8080"
                        - key: DB_PASSWORD
                          label: Password
                          type: secret
                          generate: true
                        - key: HEX_KEY
                          label: Key
                          type: secret
                          generate: true
                          format: hex
                        - key: B64_KEY
                          label: Key
                          type: secret
                          generate: true
                          format: base64
                    services:
                      app:
                        image: homelabarr-test/busybox:1
                        environment:
                          P: "${DB_PASSWORD}"
                          H: "${HEX_KEY}"
                          B: "${B64_KEY}"
                          TZ: "${TZ}"
                        ports:
                          - "${WEBUI_PORT}:80"
                    """, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
