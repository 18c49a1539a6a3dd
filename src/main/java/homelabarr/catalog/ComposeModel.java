package homelabarr.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The typed Compose model HomelabARR deploys from, read from a template after its variables are filled in.
 * Only the fields listed here are supported; the parser rejects the others rather than silently dropping them.
 */
public final class ComposeModel {
    private ComposeModel() {
    }

    /** A whole compose file: services in file order, plus named volumes and networks. */
    public record ComposeFile(Map<String, Service> services, Map<String, NamedVolume> volumes,
                              Map<String, NamedNetwork> networks) {
    }

    public record Service(
            String name,
            String image,
            List<String> command,
            List<String> entrypoint,
            Map<String, String> environment,
            List<PortMapping> ports,
            List<Integer> expose,
            List<VolumeMount> volumes,
            Map<String, String> labels,
            HealthCheck healthcheck,
            Map<String, String> dependsOn,
            List<String> networks,
            String networkMode,
            String pid,
            List<String> capAdd,
            List<String> capDrop,
            List<DeviceMapping> devices,
            boolean privileged,
            boolean gpu,
            String restart,
            String user,
            String workingDir,
            String hostname,
            String containerName,
            List<String> extraHosts,
            List<String> dns,
            List<String> securityOpt,
            Map<String, String> sysctls,
            Map<String, String> tmpfs,
            List<String> groupAdd,
            Long shmSizeBytes,
            Long memoryLimitBytes,
            Double cpus,
            Boolean init,
            boolean tty,
            boolean stdinOpen,
            boolean readOnly,
            Duration stopGracePeriod,
            String stopSignal) {
    }

    /** A published or exposed port; {@code hostPort} is null when it is not published on the host. */
    public record PortMapping(String hostIp, Integer hostPort, int containerPort, String protocol) {
    }

    public enum MountType { BIND, VOLUME, TMPFS }

    /** {@code source} is a host path for binds, a volume name for volumes, null for anonymous volumes. */
    public record VolumeMount(MountType type, String source, String target, boolean readOnly) {
        public boolean mountsDockerSocket() {
            return type == MountType.BIND && source != null
                    && (source.endsWith("/docker.sock") || source.equals("/var/run") || source.equals("/run"));
        }
    }

    public record DeviceMapping(String hostPath, String containerPath, String permissions) {
    }

    public record HealthCheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                              Integer retries, boolean disabled) {
    }

    public record NamedVolume(String name, boolean external, String driver, Map<String, String> driverOpts,
                              Map<String, String> labels) {
    }

    public record NamedNetwork(String name, boolean external, String driver, Map<String, String> labels) {
    }
}
