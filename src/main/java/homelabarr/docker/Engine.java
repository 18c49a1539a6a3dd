package homelabarr.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The only way into a Docker Engine: the operations HomelabARR uses, in its own records. Every failure is an
 * {@link EngineException}. {@link DockerEngine} talks to a real engine through docker-java (which stays inside this
 * package); a test may hand a pipeline its own implementation instead.
 */
public interface Engine extends AutoCloseable {
    /** What the engine says about itself. */
    record Info(String version, String apiVersion, String os, String arch) {
    }

    /** The engine's place in a swarm: LocalNodeState (inactive, active, pending, error…) and ControlAvailable. */
    record Swarm(String localNodeState, boolean controlAvailable) {
        /** manager, worker, or the node state when it is not an active member ("inactive", "pending"…). */
        public String role() {
            return !"active".equals(localNodeState) ? localNodeState : controlAvailable ? "manager" : "worker";
        }
    }

    /** A container as seen from inside it: which image it runs and on which network. */
    record SelfInfo(String id, String image, String networkMode) {
    }

    // containers

    /** Every container, running or not, as one list call (cheap: no stats, no inspect). */
    List<ContainerSummary> containers();

    /** Every container, running or not, carrying {@code label=value}. */
    List<ContainerSummary> containers(String label, String value);

    /** The listing of one container by its full id. */
    Optional<ContainerSummary> container(String id);

    /** Resolves an id, id prefix or name the way the engine does; NOT_FOUND when nothing matches. */
    ContainerRef inspect(String ref);

    ContainerDetails details(String id);

    /** What a container may do to its host. */
    ContainerSecurity security(String id);

    /** Creates (does not start) a container; returns its id. */
    String create(CreateSpec spec);

    void connect(String containerId, String network, List<String> aliases);

    /** False when it was running already. */
    boolean start(String id);

    /** False when it was stopped already. */
    boolean stop(String id, int timeoutSeconds);

    void restart(String id, int timeoutSeconds);

    void remove(String id, boolean force, boolean volumes);

    void rename(String id, String name);

    /** The exit code of the container's last exit from the engine's events, when it reports one in time. */
    Optional<Long> lastExitCode(String id);

    /**
     * Follows, from now on, the events with one of {@code actions} of containers that carry {@code label}, handing
     * each to {@code sink} on the engine's thread, until closed or the engine goes away (then it ends).
     */
    Streaming containerEvents(String label, List<String> actions, Consumer<ContainerEvent> sink);

    /** Streams a container's output to {@code sink} on the engine's thread. */
    Streaming logs(String id, LogOptions options, LogSink sink);

    // images

    boolean imagePresent(String reference);

    /** The image a container runs and its registry digests (two inspections; no registry is contacted). */
    RunningImage runningImage(String containerId);

    /** Starts pulling {@code name:tag}, with {@code auth} (null: anonymously); progress and failures go to {@code listener}. */
    Streaming pull(String name, String tag, RegistryAuth auth, PullListener listener);

    // networks and volumes

    List<NetworkInfo> networks(String label, String value);

    Optional<NetworkInfo> network(String nameOrId);

    String createNetwork(String name, String driver, Map<String, String> labels);

    void removeNetwork(String id);

    List<VolumeInfo> volumes(String label, String value);

    boolean volumeExists(String name);

    void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels);

    void removeVolume(String name);

    // the engine itself

    /** Asks the engine for its version, giving up after {@code timeout} (UNREACHABLE). */
    Info info(Duration timeout);

    /** The engine's swarm state from /info, giving up after {@code timeout} (UNREACHABLE). */
    Swarm swarm(Duration timeout);

    Optional<SelfInfo> self(String containerId);

    /** Runs a helper container to its end. */
    HelperRun.Result runHelper(HelperRun helper) throws InterruptedException;

    /** Opens a live stream of a running container's resource use, on a connection of its own. */
    StatsFrames stats(String containerId) throws java.io.IOException;

    @Override
    void close();
}
