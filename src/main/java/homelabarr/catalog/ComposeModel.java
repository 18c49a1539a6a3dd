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
            String stopSignal,
            SwarmDeploy swarm) {
    }

    /**
     * The parts of {@code deploy:} only a Swarm acts on (a single engine runs one container and ignores them):
     * replicas (null: one), placement constraints, how an update is rolled out and what a failed one does, and
     * when Swarm restarts a task. Null fields are left to HomelabARR's swarm defaults.
     */
    public record SwarmDeploy(Integer replicas, List<String> constraints, UpdateSettings update, RestartSettings restart) {
        public static final SwarmDeploy NONE = new SwarmDeploy(null, List.of(), null, null);

        public SwarmDeploy {
            constraints = List.copyOf(constraints);
        }
    }

    /** {@code deploy.update_config}: failureAction is rollback, pause or continue; order stop-first or start-first. */
    public record UpdateSettings(Integer parallelism, Duration delay, String failureAction, Duration monitor,
                                 Double maxFailureRatio, String order) {
    }

    /** {@code deploy.restart_policy}: condition is none, on-failure or any. */
    public record RestartSettings(String condition, Duration delay, Integer maxAttempts, Duration window) {
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
