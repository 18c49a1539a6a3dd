package homelabarr.catalog;

import homelabarr.deploy.events.DeploymentId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppIdTest {
    @Test
    void oneRuleForEveryAppId() {
        assertThat(AppId.parse("media-servers-plex")).map(AppId::value).contains("media-servers-plex");
        assertThat(AppId.parse("a".repeat(63))).isPresent();
        for (String bad : new String[] {null, "", "-plex", "Plex", "plex_server", "a".repeat(64), "../x", "plex\n"}) {
            assertThat(AppId.parse(bad)).as("%s", bad).isEmpty();
        }
        assertThatThrownBy(() -> new AppId("Plex")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTemplateFileNameIsAnAppIdOrRefused() {
        String body = """
                homelabarr:
                  name: X
                  description: x
                services:
                  app:
                    image: busybox:1
                """;
        assertThatThrownBy(() -> new TemplateParser().parse("myapps", "a".repeat(64), body, true))
                .isInstanceOf(TemplateException.class).hasMessageContaining("app id");
    }

    @Test
    void deploymentIdsAreSixteenHexCharacters() {
        assertThat(DeploymentId.parse("0123456789abcdef")).isPresent();
        assertThat(DeploymentId.parse("0123456789ABCDEF")).isEmpty();
        assertThat(DeploymentId.parse("0123456789abcde")).isEmpty();
        assertThat(DeploymentId.next(new homelabarr.db.Ids()).value()).matches("[0-9a-f]{16}");
    }
}
