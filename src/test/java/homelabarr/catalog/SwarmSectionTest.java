package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.SwarmDeploy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The swarm fields of a service's deploy section: read when valid, refused with the field's path when not. */
class SwarmSectionTest {
    private final TemplateParser parser = new TemplateParser();

    private static String template(String deploy) {
        return TemplateParserTestSupport.HEADER + """
                services:
                  web:
                    image: homelabarr-test/busybox:1
                    command: ["/bin/httpd", "-f", "-p", "8080"]
                    deploy:
                %s""".formatted(deploy.indent(6));
    }

    @Test
    void readsReplicasPlacementUpdateAndRestart() throws Exception {
        SwarmDeploy swarm = parser.parse("myapps", "demo", template("""
                replicas: 3
                placement:
                  constraints: ["node.hostname == nas", "node.labels.disk!=hdd"]
                update_config:
                  parallelism: 2
                  delay: 5s
                  failure_action: rollback
                  monitor: 10s
                  max_failure_ratio: 0.5
                  order: start-first
                restart_policy:
                  condition: on-failure
                  delay: 3s
                  max_attempts: 4
                  window: 1m
                resources:
                  limits:
                    memory: 64M
                """), true).defaults().services().get("web").swarm();
        assertThat(swarm.replicas()).isEqualTo(3);
        assertThat(swarm.constraints()).containsExactly("node.hostname == nas", "node.labels.disk!=hdd");
        assertThat(swarm.update()).isEqualTo(new ComposeModel.UpdateSettings(2, Duration.ofSeconds(5), "rollback",
                Duration.ofSeconds(10), 0.5, "start-first"));
        assertThat(swarm.restart()).isEqualTo(new ComposeModel.RestartSettings("on-failure", Duration.ofSeconds(3), 4,
                Duration.ofMinutes(1)));
    }

    @Test
    void aServiceWithoutDeployHasNoSwarmSettings() throws Exception {
        String yaml = TemplateParserTestSupport.HEADER + """
                services:
                  web:
                    image: homelabarr-test/busybox:1
                """;
        SwarmDeploy swarm = parser.parse("myapps", "demo", yaml, true).defaults().services().get("web").swarm();
        assertThat(swarm.replicas()).isNull();
        assertThat(swarm.constraints()).isEmpty();
    }

    @Test
    void refusesWhatSwarmWouldNot() {
        for (var bad : List.of(
                List.of("replicas: -1", "deploy.replicas: must be between 0 and 100"),
                List.of("replicas: 1000", "deploy.replicas: must be between 0 and 100"),
                List.of("replicas: many", "deploy.replicas: expected a whole number"),
                List.of("placement: {constraints: [\"hostname = nas\"]}", "is not a Swarm constraint"),
                List.of("placement: {preferences: []}", "placement"),
                List.of("update_config: {failure_action: explode}", "failure_action: must be one of rollback, pause, continue"),
                List.of("update_config: {max_failure_ratio: 2}", "max_failure_ratio: must be a number from 0 to 1"),
                List.of("update_config: {order: random}", "order: must be one of stop-first, start-first"),
                List.of("restart_policy: {condition: always}", "condition: must be one of none, on-failure, any"),
                List.of("restart_policy: {max_attempts: -2}", "max_attempts: must not be negative"),
                List.of("mode: global", "deploy"))) {
            assertThatThrownBy(() -> parser.parse("myapps", "bad", template(bad.get(0)), true))
                    .as(bad.get(0)).isInstanceOf(TemplateException.class).hasMessageContaining(bad.get(1));
        }
    }
}
