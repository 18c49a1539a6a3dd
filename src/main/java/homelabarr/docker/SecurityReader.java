package homelabarr.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads {@link ContainerSecurity} out of an inspect answer; every field the engine may leave out is optional. */
final class SecurityReader {
    private SecurityReader() {
    }

    static ContainerSecurity of(InspectContainerResponse c) {
        HostConfig host = c.getHostConfig() == null ? HostConfig.newHostConfig() : c.getHostConfig();
        ContainerConfig config = c.getConfig();
        Map<String, ContainerSecurity.Bind> binds = new LinkedHashMap<>();
        if (host.getBinds() != null) {
            Arrays.stream(host.getBinds()).filter(b -> b.getPath() != null && b.getPath().startsWith("/"))
                    .forEach(b -> binds.put(b.getPath(), new ContainerSecurity.Bind(b.getPath(), b.getAccessMode() == AccessMode.ro)));
        }
        if (c.getMounts() != null) {
            // volumes have a name; what has none but a source is a bind (also those made with the Mounts API)
            c.getMounts().stream().filter(m -> m.getName() == null && m.getSource() != null && m.getSource().startsWith("/"))
                    .forEach(m -> binds.putIfAbsent(m.getSource(),
                            new ContainerSecurity.Bind(m.getSource(), Boolean.FALSE.equals(m.getRW()))));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (config != null && config.getEnv() != null) {
            for (String entry : config.getEnv()) {
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return new ContainerSecurity(c.getId(), c.getName() == null ? "" : c.getName().replaceFirst("^/", ""),
                config == null || config.getLabels() == null ? Map.of() : Map.copyOf(config.getLabels()),
                List.copyOf(binds.values()), Boolean.TRUE.equals(host.getPrivileged()),
                host.getCapAdd() == null ? List.of()
                        : Arrays.stream(host.getCapAdd()).filter(Objects::nonNull).map(Capability::name).toList(),
                host.getDevices() == null ? List.of()
                        : Arrays.stream(host.getDevices()).map(Device::getPathOnHost).filter(Objects::nonNull).toList(),
                host.getNetworkMode(), host.getPidMode(), host.getIpcMode(), host.getUsernsMode(),
                host.getSecurityOpts() == null ? List.of() : List.copyOf(host.getSecurityOpts()),
                host.getSysctls() == null ? Map.of() : Map.copyOf(host.getSysctls()),
                config == null ? null : config.getUser(), env,
                host.getGroupAdd() == null ? List.of() : List.copyOf(host.getGroupAdd()));
    }
}
