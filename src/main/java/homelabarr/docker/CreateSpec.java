package homelabarr.docker;

import java.util.List;
import java.util.Map;

/**
 * Everything the engine needs to create one container, in HomelabARR's own terms (see deploy's CreateSpecs, which
 * builds it from a plan without calling the engine). {@code network} is the one the container is created on
 * ({@code null} with a {@code networkMode}); the deployment joins the others afterwards.
 *
 * @param binds       mounts whose missing source the engine may create as a folder (under the data roots), and
 *                    named volumes
 * @param strictBinds mounts whose source must exist: the engine refuses the container otherwise
 */
public record CreateSpec(String image, String name, Map<String, String> labels, List<String> environment,
                         List<String> command, List<String> entrypoint, String user, String workingDir,
                         String hostname, boolean tty, boolean stdinOpen, String stopSignal, Integer stopTimeoutSeconds,
                         Health healthcheck, List<Port> ports, List<Bind> binds, List<Bind> strictBinds,
                         List<String> anonymousVolumes, Map<String, String> tmpfs, String restartPolicy,
                         boolean privileged, List<String> capAdd, List<String> capDrop, List<Device> devices,
                         List<String> extraHosts, List<String> dns, List<String> securityOpt,
                         Map<String, String> sysctls, List<String> groupAdd, boolean readOnlyRootfs, String pidMode,
                         Boolean init, Long shmSizeBytes, Long memoryBytes, Long nanoCpus, boolean gpu,
                         String networkMode, String network, List<String> aliases) {

    /** A container port; {@code hostPort} null when it is only exposed, not published. */
    public record Port(int containerPort, String protocol, String hostIp, Integer hostPort) {
    }

    /** {@code source}: a host path, or a volume name. */
    public record Bind(String source, String target, boolean readOnly) {
    }

    public record Device(String hostPath, String containerPath, String permissions) {
    }

    /** Durations in nanoseconds, as the Engine API takes them; null fields keep the image's defaults. */
    public record Health(List<String> test, Long intervalNanos, Long timeoutNanos, Long startPeriodNanos, Integer retries) {
    }
}
