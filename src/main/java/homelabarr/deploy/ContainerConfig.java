package homelabarr.deploy;

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
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.catalog.ComposeModel.VolumeMount;
import homelabarr.deploy.Plan.ContainerSpec;
import homelabarr.http.ApiException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Engine API's view of one container, computed without calling the engine (so every template can be checked
 * offline). {@code network} is the one the container is created on; {@code moreNetworks} are joined before start.
 */
record ContainerConfig(HostConfig host, List<ExposedPort> exposed, List<Volume> anonymousVolumes, List<String> env,
                       HealthCheck healthcheck, String network, List<String> moreNetworks, List<String> aliases) {

    /** @param containerIdOf the id of an already created container of this deployment, by service name */
    static ContainerConfig of(ContainerSpec spec, Plan plan, FolderRoots roots, Function<String, String> containerIdOf) {
        Service s = spec.definition();
        Map<String, String> volumeNames = new LinkedHashMap<>();
        plan.volumes().forEach(v -> volumeNames.put(v.key(), v.name()));
        List<Bind> binds = new ArrayList<>();
        List<Mount> strictBinds = new ArrayList<>();
        List<Volume> anonymous = new ArrayList<>();
        Map<String, String> tmpfs = new LinkedHashMap<>(s.tmpfs());
        for (VolumeMount m : s.volumes()) {
            AccessMode access = m.readOnly() ? AccessMode.ro : AccessMode.rw;
            switch (m.type()) {
                // a plain bind makes a missing source as an empty root-owned folder: only wanted under the roots
                case BIND -> {
                    if (roots.creatable(m.source())) {
                        binds.add(new Bind(m.source(), new Volume(m.target()), access));
                    } else {
                        strictBinds.add(new Mount().withType(MountType.BIND).withSource(m.source())
                                .withTarget(m.target()).withReadOnly(m.readOnly()));
                    }
                }
                case VOLUME -> {
                    if (m.source() == null) {
                        anonymous.add(new Volume(m.target()));
                    } else {
                        binds.add(new Bind(volumeNames.getOrDefault(m.source(), m.source()), new Volume(m.target()), access));
                    }
                }
                case TMPFS -> tmpfs.put(m.target(), "");
            }
        }
        Set<ExposedPort> exposed = new LinkedHashSet<>();
        Ports bindings = new Ports();
        // a container on another's network (service:X, container:X) or the host's has no ports of its own
        boolean ownNetwork = spec.networkMode() == null || !(spec.networkMode().equals("host")
                || spec.networkMode().startsWith("service:") || spec.networkMode().startsWith("container:"));
        for (PortMapping p : ownNetwork ? spec.ports() : List.<PortMapping>of()) {
            ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
            exposed.add(port);
            if (p.hostPort() != null) {
                bindings.bind(port, Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
            }
        }
        if (ownNetwork) {
            s.expose().forEach(p -> exposed.add(ExposedPort.tcp(p)));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(binds)
                .withMounts(strictBinds)
                .withPortBindings(bindings)
                .withRestartPolicy(restart(s.restart()))
                .withPrivileged(s.privileged())
                .withCapAdd(capabilities(s.capAdd()))
                .withCapDrop(capabilities(s.capDrop()))
                .withDevices(s.devices().stream().map(d -> new Device(d.permissions(), d.containerPath(), d.hostPath())).toList())
                .withExtraHosts(s.extraHosts().toArray(String[]::new))
                .withDns(s.dns())
                .withSecurityOpts(s.securityOpt())
                .withSysctls(s.sysctls())
                .withTmpFs(tmpfs)
                .withGroupAdd(s.groupAdd())
                .withReadonlyRootfs(s.readOnly());
        if (s.pid() != null) {
            host.withPidMode(s.pid());
        }
        if (s.init() != null) {
            host.withInit(s.init());
        }
        if (s.shmSizeBytes() != null) {
            host.withShmSize(s.shmSizeBytes());
        }
        if (s.memoryLimitBytes() != null) {
            host.withMemory(s.memoryLimitBytes());
        }
        if (s.cpus() != null) {
            host.withNanoCPUs((long) (s.cpus() * 1_000_000_000L));
        }
        if (s.gpu()) {
            host.withDeviceRequests(List.of(new DeviceRequest().withDriver("nvidia").withCount(-1)
                    .withCapabilities(List.of(List.of("gpu")))));
        }
        String network = null;
        List<String> more = List.of();
        if (spec.networkMode() != null) {
            String mode = spec.networkMode();
            host.withNetworkMode(mode.startsWith("service:") ? "container:" + containerIdOf.apply(mode.substring(8)) : mode);
        } else {
            network = spec.networks().getFirst();
            more = spec.networks().subList(1, spec.networks().size());
            host.withNetworkMode(network);
        }
        List<String> env = s.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return new ContainerConfig(host, List.copyOf(exposed), anonymous, env, healthcheck(s), network, List.copyOf(more),
                spec.networkMode() == null ? List.of(spec.service()) : List.of());
    }

    private static RestartPolicy restart(String restart) {
        if (restart == null || restart.equals("no")) {
            return RestartPolicy.noRestart();
        }
        try {
            return RestartPolicy.parse(restart);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid template", "restart: '" + restart + "' is not a restart policy");
        }
    }

    private static Capability[] capabilities(List<String> names) {
        List<Capability> out = new ArrayList<>();
        for (String name : names) {
            String plain = name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            try {
                out.add(Capability.valueOf(plain));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Invalid template", "'" + name + "' is not a Linux capability");
            }
        }
        return out.toArray(Capability[]::new);
    }

    private static HealthCheck healthcheck(Service s) {
        if (s.healthcheck() == null) {
            return null;
        }
        HealthCheck h = new HealthCheck().withTest(s.healthcheck().test());
        if (s.healthcheck().interval() != null) {
            h.withInterval(nanos(s.healthcheck().interval()));
        }
        if (s.healthcheck().timeout() != null) {
            h.withTimeout(nanos(s.healthcheck().timeout()));
        }
        if (s.healthcheck().startPeriod() != null) {
            h.withStartPeriod(nanos(s.healthcheck().startPeriod()));
        }
        if (s.healthcheck().retries() != null) {
            h.withRetries(s.healthcheck().retries());
        }
        return h;
    }

    private static long nanos(Duration d) {
        return d.toNanos();
    }
}
