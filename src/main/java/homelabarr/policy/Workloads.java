package homelabarr.policy;

import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.catalog.ComposeModel.DeviceMapping;
import homelabarr.catalog.ComposeModel.NamedVolume;
import homelabarr.catalog.ComposeModel.Service;
import homelabarr.catalog.ComposeModel.VolumeMount;
import homelabarr.docker.ContainerSecurity;
import homelabarr.policy.Workload.HostMount;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@link Workload}s from a rendered compose file (before a deploy) or from a live container. */
public final class Workloads {
    private Workloads() {
    }

    /** Every service of {@code file} as it would run, its settings already filled in. */
    public static List<Workload> of(ComposeFile file) {
        return file.services().values().stream().map(s -> of(s, file.volumes())).toList();
    }

    static Workload of(Service s, Map<String, NamedVolume> declared) {
        List<HostMount> binds = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        List<String> drivers = new ArrayList<>();
        for (VolumeMount m : s.volumes()) {
            switch (m.type()) {
                case BIND -> binds.add(new HostMount(m.source(), m.readOnly()));
                case VOLUME -> {
                    if (m.source() != null) {
                        namedVolume(m, declared.get(m.source()), binds, shared, drivers);
                    }
                }
                case TMPFS -> { }
            }
        }
        return new Workload(s.name(), binds, shared, drivers, s.privileged(), s.capAdd(),
                s.devices().stream().map(DeviceMapping::hostPath).toList(), s.networkMode(), s.pid(), null, null,
                s.securityOpt(), s.sysctls(), s.user(), s.environment(), s.groupAdd());
    }

    /**
     * A named volume is harmless unless it is someone else's (external, or not declared so the engine would reuse
     * any volume of that name), or the local driver is told to bind a host folder ({@code o: bind},
     * {@code device: /etc}): then it is a bind mount by another name and judged as one.
     */
    private static void namedVolume(VolumeMount mount, NamedVolume def, List<HostMount> binds, List<String> shared,
                                    List<String> drivers) {
        if (def == null || def.external()) {
            shared.add(def != null && def.name() != null ? def.name() : mount.source());
            return;
        }
        if (def.driver() != null && !def.driver().equals("local")) {
            drivers.add(def.driver());
        }
        Map<String, String> opts = def.driverOpts();
        String device = opts.get("device");
        String options = opts.getOrDefault("o", "").toLowerCase(Locale.ROOT);
        String type = opts.getOrDefault("type", "").toLowerCase(Locale.ROOT);
        if (device != null && (options.contains("bind") || type.equals("none") || type.isEmpty() && device.startsWith("/"))) {
            binds.add(new HostMount(device, mount.readOnly() || options.matches("(.*,)?ro(,.*)?")));
        }
    }

    /**
     * A container as the engine runs it. Named volumes are left out (the engine made them for it), and so are the
     * networks it joined by name: only the host's network or another container's count.
     */
    public static Workload of(ContainerSecurity c) {
        String network = c.networkMode() != null && (c.networkMode().equals("host") || c.networkMode().startsWith("container:"))
                ? c.networkMode() : null;
        List<HostMount> binds = c.binds().stream().map(b -> new HostMount(b.source(), b.readOnly())).toList();
        return new Workload(c.name(), binds, List.of(), List.of(), c.privileged(), c.capAdd(), c.devices(),
                network, c.pidMode(), c.ipcMode(), c.usernsMode(), c.securityOpt(), c.sysctls(), c.user(),
                c.environment(), c.groupAdd());
    }
}
