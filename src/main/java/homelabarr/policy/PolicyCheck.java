package homelabarr.policy;

import homelabarr.host.HostFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One evaluation of workloads against the fixed rules and the administrator's settings. */
final class PolicyCheck {
    private final PolicySettings settings;
    private final Function<String, HostFile> files;
    private final List<Path> roots;
    private final List<Finding> findings = new ArrayList<>();

    /**
     * @param files how each bind source and data root is found on the host (links followed); the catalog's view
     *              takes them as written
     */
    PolicyCheck(PolicySettings settings, Function<String, HostFile> files) {
        this.settings = settings;
        this.files = files;
        List<Path> both = new ArrayList<>();
        for (String root : settings.allowedBindRoots()) {
            both.add(Path.of(root).normalize());
            HostFile real = files.apply(root);
            if (real.problem() == null) {
                both.add(real.real());
            }
        }
        this.roots = List.copyOf(both);
    }

    /** Every host path the check will ask about: bind sources and the data roots. */
    static List<String> pathsOf(PolicySettings settings, List<Workload> workloads) {
        List<String> paths = new ArrayList<>(settings.allowedBindRoots());
        workloads.forEach(w -> w.binds().forEach(b -> paths.add(b.source())));
        return paths;
    }

    Assessment run(List<Workload> workloads) {
        workloads.forEach(this::check);
        return new Assessment(findings);
    }

    private void check(Workload w) {
        w.binds().forEach(mount -> bind(w.service(), mount));
        w.sharedVolumes().forEach(v -> add(w, "shared-volume", "mounts the volume '" + v + "', which this app does not create"));
        w.volumeDrivers().forEach(d -> add(w, "volume-driver", "uses the volume driver '" + d + "'"));
        if (w.privileged()) {
            add(w, "privileged", "runs privileged (full access to the host)");
        }
        namespace(w, "host-pid", "pid", w.pidMode(), "processes");
        namespace(w, "host-ipc", "ipc", w.ipcMode(), "shared memory");
        if ("host".equals(w.usernsMode())) {
            add(w, "host-userns", "uses the host's user namespace");
        }
        network(w);
        Set<String> allowedCaps = settings.allowedCapabilities().stream().map(PolicyRules::capability).collect(Collectors.toSet());
        w.capAdd().stream().map(PolicyRules::capability).filter(c -> !allowedCaps.contains(c))
                .forEach(c -> add(w, "capabilities", "adds the capability " + c));
        w.devices().stream().filter(d -> !settings.allowedDevices().contains(Path.of(d).normalize().toString()))
                .forEach(d -> add(w, "devices", "maps the host device " + d));
        w.securityOpt().stream().filter(o -> !PolicyRules.safeSecurityOption(o))
                .forEach(o -> add(w, "security-options", "sets the security option '" + o + "'"
                        + (o.contains("unconfined") || o.contains("disable") ? " (turns confinement off)" : "")));
        if (!w.sysctls().isEmpty() && !settings.allowSysctls()) {
            add(w, "sysctls", "sets kernel parameters (" + String.join(", ", w.sysctls().keySet()) + ")");
        }
        root(w);
    }

    private void bind(String service, Workload.HostMount mount) {
        String source = mount.source();
        Path given = Path.of(source).normalize();
        HostFile file = files.apply(source);
        if (file.problem() != null) {
            findings.add(new Finding(service, "unresolvable-path", "mounts " + given + ", which cannot be checked: " + file.problem()));
            return;
        }
        Path real = file.real();
        boolean socket = file.kind() == HostFile.Kind.SOCKET;
        String via = real.equals(given) ? "" : " (a link to " + real + ")";
        for (Path p : List.of(real, given)) {
            if (p.toString().endsWith("docker.sock") || (socket && p.toString().contains("docker"))) {
                findings.add(new Finding(service, "docker-socket", "mounts " + given + via + ", the Docker socket (control of the host)"));
                return;
            }
            if (PolicyRules.looksLikeSocket(p) || socket) {
                findings.add(new Finding(service, "docker-socket", "mounts the socket " + given + via));
                return;
            }
        }
        if (mount.readOnly() && PolicyRules.harmlessFile(given, real)) {
            return;
        }
        for (Path p : List.of(given, real)) {
            Path system = PolicyRules.systemPathOf(p);
            if (system != null) {
                findings.add(new Finding(service, "system-path",
                        "mounts " + given + via + ", which is or holds the system folder " + system));
                return;
            }
        }
        boolean allowed = roots.stream().anyMatch(given::startsWith) && roots.stream().anyMatch(real::startsWith);
        if (!allowed) {
            findings.add(new Finding(service, "outside-data-roots", "mounts " + given + via
                    + ", outside the folders open to non-admins (" + String.join(", ", settings.allowedBindRoots()) + ")"));
        }
    }

    private void namespace(Workload w, String rule, String field, String mode, String what) {
        if (mode == null || mode.isEmpty() || mode.equals("private") || mode.equals("shareable") || mode.equals("none")
                || mode.startsWith("service:")) {
            return;
        }
        add(w, rule, mode.equals("host") ? "shares the host's " + what + " (" + field + ": host)"
                : "shares the " + what + " of another container (" + field + ": " + mode + ")");
    }

    private void network(Workload w) {
        String mode = w.networkMode();
        if (mode == null || mode.isEmpty() || mode.equals("bridge") || mode.equals("none") || mode.equals("default")
                || mode.startsWith("service:")) {
            return;
        }
        if (mode.equals("host")) {
            if (!settings.allowHostNetwork()) {
                add(w, "host-network", "uses the host's network (network_mode: host)");
            }
        } else if (mode.startsWith("container:")) {
            add(w, "foreign-namespace", "joins the network of another container (" + mode + ")");
        } else {
            add(w, "foreign-namespace", "joins the existing network '" + mode + "'");
        }
    }

    private void root(Workload w) {
        if (PolicyRules.namesRoot(w.user())) {
            add(w, "root-user", "runs as root (user: " + w.user() + ")");
        }
        for (Map.Entry<String, String> e : w.environment().entrySet()) {
            if (PolicyRules.isIdVariable(e.getKey()) && e.getValue() != null && PolicyRules.namesRoot(e.getValue())) {
                add(w, "root-user", "runs as root (" + e.getKey() + "=" + e.getValue().strip() + ")");
            }
        }
        w.groupAdd().stream().filter(PolicyRules::namesRoot)
                .forEach(g -> add(w, "root-user", "joins the root group (group_add: " + g + ")"));
    }

    private void add(Workload w, String rule, String message) {
        findings.add(new Finding(w.service(), rule, message));
    }
}
