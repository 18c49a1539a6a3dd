package homelabarr.docker;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import homelabarr.docker.SwarmEngine.PublishedPort;
import homelabarr.docker.SwarmEngine.StackService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Our {@link ServiceDefinition} to docker-java's ServiceSpec, and a live Service back to a {@link StackService}. */
final class ServiceSpecs {
    private ServiceSpecs() {
    }

    static ServiceSpec of(ServiceDefinition d) {
        ContainerSpec container = new ContainerSpec().withImage(d.image()).withLabels(d.containerLabels())
                .withEnv(d.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withMounts(d.mounts().stream().map(ServiceSpecs::mount).toList())
                .withUser(d.user()).withDir(d.workingDir()).withHostname(d.hostname()).withInit(d.init())
                .withStopSignal(d.stopSignal()).withReadOnly(d.readOnly()).withTty(d.tty());
        // Swarm's Command is the entrypoint and Args the command, as docker stack deploy maps them.
        if (d.entrypoint() != null) {
            container.withCommand(d.entrypoint());
        }
        if (d.command() != null) {
            container.withArgs(d.command());
        }
        if (d.stopGracePeriod() != null) {
            container.withStopGracePeriod(d.stopGracePeriod().toNanos());
        }
        if (d.health() != null) {
            container.withHealthCheck(new HealthCheck().withTest(d.health().test()).withInterval(nanos(d.health().interval()))
                    .withTimeout(nanos(d.health().timeout())).withStartPeriod(nanos(d.health().startPeriod()))
                    .withRetries(d.health().retries()));
        }
        ServiceRestartPolicy restart = new ServiceRestartPolicy()
                .withCondition(switch (d.restart().condition()) {
                    case "none" -> ServiceRestartCondition.NONE;
                    case "on-failure" -> ServiceRestartCondition.ON_FAILURE;
                    default -> ServiceRestartCondition.ANY;
                })
                .withDelay(nanos(d.restart().delay())).withMaxAttempts((long) d.restart().maxAttempts())
                .withWindow(nanos(d.restart().window()));
        List<NetworkAttachmentConfig> networks = d.networks().stream().map(n -> new NetworkAttachmentConfig().withTarget(n)
                .withAliases(d.aliases().getOrDefault(n, List.of()))).toList();
        TaskSpec task = new TaskSpec().withContainerSpec(container).withRestartPolicy(restart)
                .withPlacement(new ServicePlacement().withConstraints(d.constraints())).withNetworks(networks);
        return new ServiceSpec().withName(d.name()).withLabels(d.labels()).withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(d.replicas())))
                .withUpdateConfig(update(d.update()))
                // a rollback is not itself rolled back: on its failure it pauses for someone to look
                .withRollbackConfig(update(d.update()).withFailureAction(UpdateFailureAction.PAUSE))
                .withEndpointSpec(new EndpointSpec().withPorts(d.ports().stream().map(ServiceSpecs::port).toList()));
    }

    private static UpdateConfig update(ServiceDefinition.Update u) {
        return new UpdateConfig().withParallelism((long) u.parallelism()).withDelay(nanos(u.delay()))
                .withFailureAction(switch (u.failureAction()) {
                    case "pause" -> UpdateFailureAction.PAUSE;
                    case "continue" -> UpdateFailureAction.CONTINUE;
                    default -> UpdateFailureAction.ROLLBACK;
                })
                .withMonitor(nanos(u.monitor())).withMaxFailureRatio((float) u.maxFailureRatio())
                .withOrder("start-first".equals(u.order()) ? UpdateOrder.START_FIRST : UpdateOrder.STOP_FIRST);
    }

    private static Mount mount(ServiceDefinition.Mount m) {
        MountType type = switch (m.type()) {
            case "bind" -> MountType.BIND;
            case "tmpfs" -> MountType.TMPFS;
            default -> MountType.VOLUME;
        };
        return new Mount().withType(type).withSource(m.source()).withTarget(m.target()).withReadOnly(m.readOnly());
    }

    private static PortConfig port(PublishedPort p) {
        return new PortConfig().withTargetPort(p.target()).withPublishedPort(p.published())
                .withProtocol(PortConfigProtocol.valueOf(p.protocol().toUpperCase(Locale.ROOT)))
                .withPublishMode("host".equals(p.mode()) ? PortConfig.PublishMode.host : PortConfig.PublishMode.ingress);
    }

    private static Long nanos(Duration d) {
        return d == null ? null : d.toNanos();
    }

    static StackService read(Service s) {
        ServiceSpec spec = s.getSpec();
        TaskSpec task = spec.getTaskTemplate();
        ContainerSpec c = task == null ? null : task.getContainerSpec();
        List<String> binds = c == null || c.getMounts() == null ? List.of() : c.getMounts().stream()
                .filter(m -> m.getType() == MountType.BIND).map(Mount::getSource).toList();
        Map<String, String> env = new LinkedHashMap<>();
        if (c != null && c.getEnv() != null) {
            for (String e : c.getEnv()) {
                int eq = e.indexOf('=');
                env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
            }
        }
        List<String> command = new ArrayList<>();
        if (c != null && c.getCommand() != null) {
            command.addAll(c.getCommand());
        }
        if (c != null && c.getArgs() != null) {
            command.addAll(c.getArgs());
        }
        Integer replicas = spec.getMode() == null || spec.getMode().getReplicated() == null ? null
                : (int) spec.getMode().getReplicated().getReplicas();
        var status = s.getUpdateStatus();
        List<PublishedPort> ports = s.getEndpoint() == null || s.getEndpoint().getPorts() == null ? List.of()
                : Arrays.stream(s.getEndpoint().getPorts()).map(p -> new PublishedPort(p.getTargetPort(), p.getPublishedPort(),
                        DockerSwarmEngine.lower(p.getProtocol()), DockerSwarmEngine.mode(p.getPublishMode()))).toList();
        return new StackService(s.getId(), spec.getName(), s.getVersion() == null ? 0 : s.getVersion().getIndex(),
                spec.getLabels() == null ? Map.of() : spec.getLabels(), c == null ? null : c.getImage(), List.copyOf(command),
                replicas, status == null || status.getState() == null ? null : status.getState().name().toLowerCase(Locale.ROOT),
                status == null || status.getStartedAt() == null ? null : status.getStartedAt().toInstant().toString(),
                status == null ? null : status.getMessage(), binds, c == null ? null : c.getUser(), env, ports);
    }
}
