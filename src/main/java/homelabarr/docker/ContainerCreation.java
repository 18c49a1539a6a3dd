package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a {@link CreateSpec} into docker-java's create command: the only place that knows its model. */
final class ContainerCreation {
    private ContainerCreation() {
    }

    static CreateContainerCmd command(DockerClient docker, CreateSpec s) {
        Set<ExposedPort> exposed = new LinkedHashSet<>();
        Ports bindings = new Ports();
        for (CreateSpec.Port p : s.ports()) {
            ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
            exposed.add(port);
            if (p.hostPort() != null) {
                bindings.bind(port, Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
            }
        }
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(s.binds().stream().map(b -> new Bind(b.source(), new Volume(b.target()),
                        b.readOnly() ? AccessMode.ro : AccessMode.rw)).toList())
                .withMounts(s.strictBinds().stream().map(b -> new Mount().withType(MountType.BIND)
                        .withSource(b.source()).withTarget(b.target()).withReadOnly(b.readOnly())).toList())
                .withPortBindings(bindings)
                .withRestartPolicy(s.restartPolicy() == null || s.restartPolicy().equals("no")
                        ? RestartPolicy.noRestart() : RestartPolicy.parse(s.restartPolicy()))
                .withPrivileged(s.privileged())
                .withCapAdd(capabilities(s.capAdd()))
                .withCapDrop(capabilities(s.capDrop()))
                .withDevices(s.devices().stream().map(d -> new Device(d.permissions(), d.containerPath(), d.hostPath())).toList())
                .withExtraHosts(s.extraHosts().toArray(String[]::new))
                .withDns(s.dns())
                .withSecurityOpts(s.securityOpt())
                .withSysctls(s.sysctls())
                .withTmpFs(s.tmpfs())
                .withGroupAdd(s.groupAdd())
                .withReadonlyRootfs(s.readOnlyRootfs())
                .withNetworkMode(s.networkMode() != null ? s.networkMode() : s.network());
        if (s.pidMode() != null) {
            host.withPidMode(s.pidMode());
        }
        if (s.init() != null) {
            host.withInit(s.init());
        }
        if (s.shmSizeBytes() != null) {
            host.withShmSize(s.shmSizeBytes());
        }
        if (s.memoryBytes() != null) {
            host.withMemory(s.memoryBytes());
        }
        if (s.nanoCpus() != null) {
            host.withNanoCPUs(s.nanoCpus());
        }
        if (s.gpu()) {
            host.withDeviceRequests(List.of(new DeviceRequest().withDriver("nvidia").withCount(-1)
                    .withCapabilities(List.of(List.of("gpu")))));
        }
        CreateContainerCmd cmd = docker.createContainerCmd(s.image())
                .withName(s.name())
                .withLabels(s.labels())
                .withHostConfig(host)
                .withEnv(s.environment())
                .withExposedPorts(List.copyOf(exposed))
                .withVolumes(s.anonymousVolumes().stream().map(Volume::new).toList())
                .withTty(s.tty())
                .withStdinOpen(s.stdinOpen());
        if (s.command() != null) {
            cmd.withCmd(s.command());
        }
        if (s.entrypoint() != null) {
            cmd.withEntrypoint(s.entrypoint());
        }
        if (s.user() != null) {
            cmd.withUser(s.user());
        }
        if (s.workingDir() != null) {
            cmd.withWorkingDir(s.workingDir());
        }
        if (s.hostname() != null) {
            cmd.withHostName(s.hostname());
        }
        if (s.stopSignal() != null) {
            cmd.withStopSignal(s.stopSignal());
        }
        if (s.stopTimeoutSeconds() != null) {
            cmd.withStopTimeout(s.stopTimeoutSeconds());
        }
        if (s.healthcheck() != null) {
            cmd.withHealthcheck(healthcheck(s.healthcheck()));
        }
        if (!s.aliases().isEmpty()) {
            cmd.withAliases(s.aliases());
        }
        return cmd;
    }

    private static Capability[] capabilities(List<String> names) {
        List<Capability> out = new ArrayList<>();
        for (String name : names) {
            out.add(Capability.valueOf(name.toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", "")));
        }
        return out.toArray(Capability[]::new);
    }

    private static HealthCheck healthcheck(CreateSpec.Health h) {
        HealthCheck check = new HealthCheck().withTest(h.test());
        if (h.intervalNanos() != null) {
            check.withInterval(h.intervalNanos());
        }
        if (h.timeoutNanos() != null) {
            check.withTimeout(h.timeoutNanos());
        }
        if (h.startPeriodNanos() != null) {
            check.withStartPeriod(h.startPeriodNanos());
        }
        if (h.retries() != null) {
            check.withRetries(h.retries());
        }
        return check;
    }
}
