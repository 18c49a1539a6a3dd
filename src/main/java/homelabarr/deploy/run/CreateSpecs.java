package homelabarr.deploy.run;

import homelabarr.deploy.plan.FolderRoots;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.ContainerSpec;

import homelabarr.catalog.ComposeModel.HealthCheck;
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.catalog.ComposeModel.VolumeMount;
import homelabarr.docker.CreateSpec;

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
 * The engine's view of one planned container, computed without calling the engine (so every template can be
 * checked offline): the {@link CreateSpec} to create it with, and the networks it joins after creation.
 */
public final class CreateSpecs {
    /** The creation request, and the networks joined before start. */
    public record Created(CreateSpec spec, List<String> moreNetworks) {
    }

    private CreateSpecs() {
    }

    /** @param containerIdOf the id of an already created container of this deployment, by service name */
    public static Created of(ContainerSpec spec, Plan plan, FolderRoots roots, Function<String, String> containerIdOf) {
        Service s = spec.definition();
        Map<String, String> volumeNames = new LinkedHashMap<>();
        plan.volumes().forEach(v -> volumeNames.put(v.key(), v.name()));
        List<CreateSpec.Bind> binds = new ArrayList<>();
        List<CreateSpec.Bind> strict = new ArrayList<>();
        List<String> anonymous = new ArrayList<>();
        Map<String, String> tmpfs = new LinkedHashMap<>(s.tmpfs());
        for (VolumeMount m : s.volumes()) {
            switch (m.type()) {
                // a plain bind makes a missing source as an empty root-owned folder: only wanted under the roots
                case BIND -> (roots.creatable(m.source()) ? binds : strict)
                        .add(new CreateSpec.Bind(m.source(), m.target(), m.readOnly()));
                case VOLUME -> {
                    if (m.source() == null) {
                        anonymous.add(m.target());
                    } else {
                        binds.add(new CreateSpec.Bind(volumeNames.getOrDefault(m.source(), m.source()), m.target(), m.readOnly()));
                    }
                }
                case TMPFS -> tmpfs.put(m.target(), "");
            }
        }
        // a container on another's network (service:X, container:X) or the host's has no ports of its own
        boolean ownNetwork = spec.networkMode() == null || !(spec.networkMode().equals("host")
                || spec.networkMode().startsWith("service:") || spec.networkMode().startsWith("container:"));
        List<CreateSpec.Port> ports = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (ownNetwork) {
            for (PortMapping p : spec.ports()) {
                ports.add(new CreateSpec.Port(p.containerPort(), p.protocol(), p.hostIp(), p.hostPort()));
                seen.add(p.containerPort() + "/" + p.protocol());
            }
            s.expose().stream().filter(p -> seen.add(p + "/tcp")).forEach(p -> ports.add(new CreateSpec.Port(p, "tcp", null, null)));
        }
        String networkMode = null;
        String network = null;
        List<String> more = List.of();
        if (spec.networkMode() != null) {
            String mode = spec.networkMode();
            networkMode = mode.startsWith("service:") ? "container:" + containerIdOf.apply(mode.substring(8)) : mode;
        } else {
            network = spec.networks().getFirst();
            more = List.copyOf(spec.networks().subList(1, spec.networks().size()));
        }
        CreateSpec created = new CreateSpec(spec.image().canonical(), spec.name(), spec.labels(),
                s.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(),
                s.command(), s.entrypoint(), s.user(), s.workingDir(), spec.networkMode() == null ? s.hostname() : null,
                s.tty(), s.stdinOpen(), s.stopSignal(),
                s.stopGracePeriod() == null ? null : (int) Math.max(1, s.stopGracePeriod().toSeconds()),
                healthcheck(s.healthcheck()), ports, binds, strict, anonymous, tmpfs, restart(s.restart()),
                s.privileged(), capabilities(s.capAdd()), capabilities(s.capDrop()),
                s.devices().stream().map(d -> new CreateSpec.Device(d.hostPath(), d.containerPath(), d.permissions())).toList(),
                s.extraHosts(), s.dns(), s.securityOpt(), s.sysctls(), s.groupAdd(), s.readOnly(), s.pid(), s.init(),
                s.shmSizeBytes(), s.memoryLimitBytes(), s.cpus() == null ? null : (long) (s.cpus() * 1_000_000_000L),
                s.gpu(), networkMode, network, spec.networkMode() == null ? List.of(spec.service()) : List.of());
        return new Created(created, more);
    }

    /** Restart policies and capability names were checked when the template was read (catalog.TemplateRules). */
    private static String restart(String restart) {
        return restart == null ? "no" : restart;
    }

    private static List<String> capabilities(List<String> names) {
        return names.stream().map(n -> n.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "")).toList();
    }

    private static CreateSpec.Health healthcheck(HealthCheck h) {
        if (h == null) {
            return null;
        }
        return new CreateSpec.Health(h.test(), nanos(h.interval()), nanos(h.timeout()), nanos(h.startPeriod()), h.retries());
    }

    private static Long nanos(Duration d) {
        return d == null ? null : d.toNanos();
    }
}
