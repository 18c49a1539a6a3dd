package homelabarr.swarm;

import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.TemplateParser;
import homelabarr.errors.Refused;
import homelabarr.deploy.plan.Mode;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plans;
import homelabarr.deploy.plan.ProxySettings;
import homelabarr.deploy.plan.ResolvedSettings;
import homelabarr.docker.ServiceDefinition;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A plan as a stack, without an engine: names, labels, defaults, and what swarm mode refuses. */
class StackSpecsTest {
    private static final ProxySettings PROXY = new ProxySettings("proxy", "websecure", "letsencrypt", "authelia@docker");
    private final StackSpecs specs = new StackSpecs();

    private static Plan plan(String services) throws Exception {
        AppTemplate app = new TemplateParser().parse("myapps", "stk", TestTemplates.header("Stack", "A stack")
                + (services.startsWith("services:") ? services : "services:\n" + services.indent(2)), true);
        return new Plans(PROXY).render(app, new ResolvedSettings(Map.of(), Set.of()), new Mode.Standard(), "d1");
    }

    @Test
    void servicesAreNamedAndLabelledLikeDockerStackDeploy() throws Exception {
        StackSpecs.Stack stack = specs.of(plan("""
                services:
                  web:
                    image: homelabarr-test/busybox:1
                    command: ["/bin/httpd", "-f", "-p", "8080"]
                    ports: ["8081:8080"]
                    volumes: ["data:/data"]
                    deploy:
                      replicas: 2
                      placement: {constraints: ["node.role == worker"]}
                volumes:
                  data: {}
                """), "host");
        ServiceDefinition web = stack.services().getFirst();
        assertThat(web.name()).isEqualTo("myapps-stk_web");
        assertThat(web.labels()).containsEntry("com.docker.stack.namespace", "myapps-stk")
                .containsEntry("com.docker.stack.image", "homelabarr-test/busybox:1")
                .containsEntry("homelabarr.app", "myapps-stk").containsEntry("homelabarr.deployment", "d1");
        assertThat(web.containerLabels()).containsEntry("com.docker.stack.namespace", "myapps-stk")
                .containsEntry("homelabarr.app", "myapps-stk").doesNotContainKey("homelabarr.deployment");
        assertThat(web.replicas()).isEqualTo(2);
        assertThat(web.constraints()).containsExactly("node.role == worker");
        assertThat(web.ports()).singleElement().satisfies(p -> {
            assertThat(p.mode()).isEqualTo("host");
            assertThat(p.published()).isEqualTo(8081);
        });
        assertThat(web.networks()).containsExactly("myapps-stk_default");
        assertThat(web.aliases()).containsEntry("myapps-stk_default", List.of("web"));
        assertThat(web.update().failureAction()).isEqualTo("rollback");
        assertThat(web.update().monitor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(web.mounts()).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo("volume"));
        assertThat(stack.networks()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("myapps-stk_default");
            assertThat(n.labels()).containsEntry("com.docker.stack.namespace", "myapps-stk")
                    .doesNotContainKey("homelabarr.deployment");
        });
    }

    @Test
    void theRoutingMeshIsAskedForOnlyWhenWanted() throws Exception {
        Plan plan = plan("""
                web:
                  image: homelabarr-test/busybox:1
                  ports: ["8081:8080/udp", "9000"]
                """);
        ServiceDefinition web = specs.of(plan, "ingress").services().getFirst();
        assertThat(web.ports()).singleElement().satisfies(p -> {
            assertThat(p.mode()).isEqualTo("ingress");
            assertThat(p.protocol()).isEqualTo("udp");
        });
    }

    @Test
    void aBindMountNeedsAServicePinnedToOneNode() throws Exception {
        assertThatThrownBy(() -> specs.of(plan("""
                app:
                  image: homelabarr-test/busybox:1
                  volumes: ["/srv/media:/media"]
                  deploy: {placement: {constraints: ["node.role == worker"]}}
                """), "host")).isInstanceOf(Refused.class)
                .hasMessageContaining("/srv/media").hasMessageContaining("node.hostname == NAME");
        for (String pin : new String[] {"node.hostname == nas", "node.id==abc123"}) {
            ServiceDefinition app = specs.of(plan("""
                    app:
                      image: homelabarr-test/busybox:1
                      volumes: ["/srv/media:/media:ro"]
                      deploy: {placement: {constraints: ["%s"]}}
                    """.formatted(pin)), "host").services().getFirst();
            assertThat(app.mounts()).singleElement().isEqualTo(new ServiceDefinition.Mount("bind", "/srv/media", "/media", true));
        }
    }

    @Test
    void whatASwarmServiceCannotCarryIsRefusedNotDropped() throws Exception {
        for (String line : new String[] {"privileged: true", "network_mode: host", "cap_add: [NET_ADMIN]", "pid: host",
                "devices: [\"/dev/fuse:/dev/fuse\"]", "sysctls: {net.core.somaxconn: \"1024\"}", "mem_limit: 64m"}) {
            Plan plan = plan("""
                    app:
                      image: homelabarr-test/busybox:1
                      %s
                    """.formatted(line));
            assertThatThrownBy(() -> specs.of(plan, "host")).as(line).isInstanceOf(Refused.class)
                    .hasMessageContaining("cannot deploy as a swarm service");
        }
        Plan addressed = plan("""
                app:
                  image: homelabarr-test/busybox:1
                  ports: ["127.0.0.1:8081:8080"]
                """);
        assertThatThrownBy(() -> specs.of(addressed, "host")).isInstanceOf(Refused.class)
                .hasMessageContaining("127.0.0.1:8081");
    }
}
