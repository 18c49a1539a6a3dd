package homelabarr.swarm;

import homelabarr.catalog.ComposeModel.HealthCheck;
import homelabarr.catalog.ComposeModel.MountType;
import homelabarr.catalog.ComposeModel.PortMapping;
import homelabarr.catalog.ComposeModel.RestartSettings;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.catalog.ComposeModel.SwarmDeploy;
import homelabarr.catalog.ComposeModel.UpdateSettings;
import homelabarr.catalog.ComposeModel.VolumeMount;
import homelabarr.errors.Refused;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.deploy.plan.Plan.NetworkSpec;
import homelabarr.deploy.plan.Plan.VolumeSpec;
import homelabarr.docker.ServiceDefinition;
import homelabarr.docker.SwarmEngine.PublishedPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A rendered {@link Plan} as a stack, the way {@code docker stack deploy} lays one out: service {@code <app>_<service>}
 * labelled {@code com.docker.stack.namespace=<app>} (so {@code docker stack ps <app>} lists it), reachable by its
 * compose name on the stack's overlay networks, published ports in host or ingress mode. Anything Swarm cannot do
 * as the template asks is refused here, before anything is created, rather than silently dropped.
 */
final class StackSpecs {
    static final String NAMESPACE = "com.docker.stack.namespace";
    static final String STACK_IMAGE = "com.docker.stack.image";
    /** Swarm's defaults for HomelabARR: one task at a time, and a failed update is undone by Swarm itself. */
    static final ServiceDefinition.Update UPDATE = new ServiceDefinition.Update(1, Duration.ZERO, "rollback",
            Duration.ofSeconds(5), 0, "stop-first");
    static final ServiceDefinition.Restart RESTART = new ServiceDefinition.Restart("any", Duration.ofSeconds(5), 0,
            Duration.ZERO);
    private static final Pattern PINNED = Pattern.compile("node\\.(hostname|id)\\s*==\\s*\\S+");
    /** Swarm names services like DNS labels. */
    private static final int MAX_NAME = 63;

    /** The stack's networks to create (overlay) and its services, in the plan's order. */
    record Stack(String app, List<NetworkSpec> networks, List<ServiceDefinition> services) {
    }

    /** {@code publishMode}: host (every node running a task answers) or ingress (the routing mesh). */
    Stack of(Plan plan, String publishMode) {
        Map<String, String> volumeNames = new LinkedHashMap<>();
        for (VolumeSpec v : plan.volumes()) {
            volumeNames.put(v.key(), v.name());
        }
        List<ServiceDefinition> services = new ArrayList<>();
        for (ContainerSpec c : plan.containers()) {
            services.add(service(plan.appId(), c, volumeNames, publishMode));
        }
        List<NetworkSpec> networks = plan.networks().stream().filter(n -> !n.external()).map(n -> {
            Map<String, String> labels = withoutDeployment(n.labels());
            labels.put(NAMESPACE, plan.appId());
            return new NetworkSpec(n.key(), n.name(), false, n.shared(), "overlay", labels);
        }).toList();
        return new Stack(plan.appId(), networks, services);
    }

    /**
     * The deployment id stays on the services only. On their containers and networks it would let a single-engine
     * rollback or restart recovery (which remove what carries a deployment's label) reach into the swarm, and it
     * would make every redeploy restart every task even when nothing else changed.
     */
    private static Map<String, String> withoutDeployment(Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.remove(Plan.LABEL_DEPLOYMENT);
        return out;
    }

    static String serviceName(String app, String service) {
        return app + "_" + service;
    }

    private static ServiceDefinition service(String app, ContainerSpec c, Map<String, String> volumeNames, String publishMode) {
        Service s = c.definition();
        unsupported(s);
        String name = serviceName(app, c.service());
        if (name.length() > MAX_NAME) {
            throw Refused.invalid("Not possible in swarm mode",
                    "service '" + c.service() + "': the swarm service name " + name + " is longer than " + MAX_NAME);
        }
        SwarmDeploy swarm = s.swarm() == null ? SwarmDeploy.NONE : s.swarm();
        boolean pinned = swarm.constraints().stream().anyMatch(k -> PINNED.matcher(k).matches());
        List<ServiceDefinition.Mount> mounts = new ArrayList<>();
        for (VolumeMount m : s.volumes()) {
            mounts.add(mount(c.service(), m, volumeNames, pinned));
        }
        s.tmpfs().keySet().forEach(target -> mounts.add(new ServiceDefinition.Mount("tmpfs", null, target, false)));
        List<PublishedPort> ports = new ArrayList<>();
        for (PortMapping p : c.ports()) {
            if (p.hostPort() == null) {
                continue;
            }
            if (p.hostIp() != null && !p.hostIp().isBlank() && !p.hostIp().equals("0.0.0.0")) {
                throw Refused.invalid("Not possible in swarm mode", "service '" + c.service() + "': a swarm port is "
                        + "published on every address of a node; " + p.hostIp() + ":" + p.hostPort() + " cannot be kept");
            }
            ports.add(new PublishedPort(p.containerPort(), p.hostPort(), p.protocol() == null ? "tcp" : p.protocol(),
                    publishMode));
        }
        Map<String, String> serviceLabels = new LinkedHashMap<>(c.labels());
        serviceLabels.put(NAMESPACE, app);
        serviceLabels.put(STACK_IMAGE, s.image());
        Map<String, String> labels = withoutDeployment(c.labels());
        labels.put(NAMESPACE, app);
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        c.networks().forEach(n -> aliases.put(n, List.of(c.service())));
        HealthCheck h = s.healthcheck();
        ServiceDefinition.Health health = h == null ? null : h.disabled()
                ? new ServiceDefinition.Health(List.of("NONE"), null, null, null, null)
                : new ServiceDefinition.Health(h.test(), h.interval(), h.timeout(), h.startPeriod(), h.retries());
        return new ServiceDefinition(name, s.image(), s.entrypoint(), s.command(), s.environment(), serviceLabels, labels,
                mounts, ports, c.networks(), aliases, swarm.replicas() == null ? 1 : swarm.replicas(), swarm.constraints(),
                update(swarm.update()), restart(swarm.restart(), s.restart()), health, s.user(), s.workingDir(),
                s.hostname(), s.init(), s.stopGracePeriod(), s.stopSignal(), s.readOnly(), s.tty());
    }

    /**
     * A bind mount names a folder on whichever node Swarm picks, and each node's folder is a different one: the
     * data would follow no one. Allowed only when the service is pinned to one node.
     */
    private static ServiceDefinition.Mount mount(String service, VolumeMount m, Map<String, String> volumeNames, boolean pinned) {
        if (m.type() == MountType.BIND) {
            if (!pinned) {
                throw Refused.invalid("Bind mount needs a pinned service", "service '" + service + "' mounts the host "
                        + "folder " + m.source() + ": in swarm mode its tasks may run on any node, each with its own folder. "
                        + "Pin the service to one node (deploy.placement.constraints: node.hostname == NAME) or use a "
                        + "named volume");
            }
            return new ServiceDefinition.Mount("bind", m.source(), m.target(), m.readOnly());
        }
        if (m.type() == MountType.TMPFS) {
            return new ServiceDefinition.Mount("tmpfs", null, m.target(), false);
        }
        String source = m.source() == null ? null : volumeNames.getOrDefault(m.source(), m.source());
        return new ServiceDefinition.Mount("volume", source, m.target(), m.readOnly());
    }

    /** Container settings a swarm service has no field for (or a single node could not honour for all replicas). */
    private static void unsupported(Service s) {
        List<String> fields = new ArrayList<>();
        add(fields, s.privileged(), "privileged");
        add(fields, s.gpu(), "a GPU reservation");
        add(fields, !s.devices().isEmpty(), "devices");
        add(fields, !s.capAdd().isEmpty(), "cap_add");
        add(fields, !s.capDrop().isEmpty(), "cap_drop");
        add(fields, s.networkMode() != null, "network_mode");
        add(fields, s.pid() != null, "pid");
        add(fields, !s.securityOpt().isEmpty(), "security_opt");
        add(fields, !s.sysctls().isEmpty(), "sysctls");
        add(fields, !s.extraHosts().isEmpty(), "extra_hosts");
        add(fields, !s.dns().isEmpty(), "dns");
        add(fields, !s.groupAdd().isEmpty(), "group_add");
        add(fields, s.shmSizeBytes() != null, "shm_size");
        add(fields, s.memoryLimitBytes() != null, "mem_limit");
        add(fields, s.cpus() != null, "cpus");
        add(fields, s.stdinOpen(), "stdin_open");
        add(fields, !s.dependsOn().isEmpty() && s.dependsOn().values().stream().anyMatch(v -> !v.equals("service_started")),
                "depends_on conditions");
        if (!fields.isEmpty()) {
            throw Refused.invalid("Not possible in swarm mode", "service '" + s.name() + "' uses "
                    + String.join(", ", fields) + ", which HomelabARR cannot deploy as a swarm service; deploy it "
                    + "to a single engine instead");
        }
    }

    private static void add(List<String> fields, boolean used, String field) {
        if (used) {
            fields.add(field);
        }
    }

    private static ServiceDefinition.Update update(UpdateSettings u) {
        if (u == null) {
            return UPDATE;
        }
        return new ServiceDefinition.Update(u.parallelism() == null ? UPDATE.parallelism() : u.parallelism(),
                u.delay() == null ? UPDATE.delay() : u.delay(),
                u.failureAction() == null ? UPDATE.failureAction() : u.failureAction(),
                u.monitor() == null ? UPDATE.monitor() : u.monitor(),
                u.maxFailureRatio() == null ? UPDATE.maxFailureRatio() : u.maxFailureRatio(),
                u.order() == null ? UPDATE.order() : u.order());
    }

    /** deploy.restart_policy wins; else the compose {@code restart} is translated as docker stack would not. */
    private static ServiceDefinition.Restart restart(RestartSettings r, String composeRestart) {
        if (r == null) {
            String condition = composeRestart == null ? "any" : switch (composeRestart) {
                case "no" -> "none";
                case "on-failure", "on-failure:1", "on-failure:2", "on-failure:3" -> "on-failure";
                default -> "any";
            };
            return new ServiceDefinition.Restart(condition, RESTART.delay(), RESTART.maxAttempts(), RESTART.window());
        }
        return new ServiceDefinition.Restart(r.condition() == null ? RESTART.condition() : r.condition(),
                r.delay() == null ? RESTART.delay() : r.delay(),
                r.maxAttempts() == null ? RESTART.maxAttempts() : r.maxAttempts(),
                r.window() == null ? RESTART.window() : r.window());
    }
}
