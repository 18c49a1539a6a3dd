package homelabarr.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one container would be allowed to do to its host: the fields of a deployment's rendered plan (or of a live
 * container) that the deploy policy judges. Built from a compose service ({@link Workloads#of}) or from what the
 * engine reports about a running container.
 *
 * @param binds         host paths mounted into the container (bind mounts, and local volumes that bind a folder)
 * @param sharedVolumes named volumes this deployment does not create: another app's data
 * @param volumeDrivers volume drivers other than the default {@code local}
 */
public record Workload(String service, List<HostMount> binds, List<String> sharedVolumes, List<String> volumeDrivers,
                       boolean privileged, List<String> capAdd, List<String> devices, String networkMode,
                       String pidMode, String ipcMode, String usernsMode, List<String> securityOpt,
                       Map<String, String> sysctls, String user, Map<String, String> environment,
                       List<String> groupAdd) {
    /** A host path mounted into the container. */
    public record HostMount(String source, boolean readOnly) {
    }

    public Workload {
        binds = List.copyOf(binds);
        sharedVolumes = List.copyOf(sharedVolumes);
        volumeDrivers = List.copyOf(volumeDrivers);
        capAdd = List.copyOf(capAdd);
        devices = List.copyOf(devices);
        securityOpt = List.copyOf(securityOpt);
        sysctls = Collections.unmodifiableMap(new TreeMap<>(sysctls));
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        groupAdd = List.copyOf(groupAdd);
    }
}
