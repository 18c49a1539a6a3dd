package homelabarr.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The swarm side of one Docker Engine (a manager): nodes, overlay networks, services and their tasks, in our own
 * records. Kept apart from {@link Engine} so the container operations stay what they are; docker-java stays in
 * {@link DockerSwarmEngine}. Every failure is an {@link EngineException}.
 */
public interface SwarmEngine extends AutoCloseable {
    /** This engine's place in a swarm; never throws for an engine outside any swarm. */
    SwarmState state();

    List<SwarmNode> nodes();

    /** active, pause or drain. */
    void availability(String nodeId, String availability);

    /** An attachable overlay network; an existing one of that name is kept (and its id returned). */
    String overlay(String name, Map<String, String> labels);

    void removeNetwork(String name);

    /** The names of the networks carrying {@code label=value}. */
    List<String> networks(String label, String value);

    /**
     * {@code login}: the registry login the manager hands every node that pulls the service's image (what
     * {@code docker stack deploy --with-registry-auth} sends); null for an image pulled anonymously.
     */
    String create(ServiceDefinition service, RegistryAuth login);

    /**
     * Replaces the spec of {@code id} at {@code version} (the one read with it, so a concurrent change fails);
     * {@code login} as for {@link #create}.
     */
    void update(String id, long version, ServiceDefinition service, RegistryAuth login);

    /** Services carrying {@code label=value}. */
    List<StackService> services(String label, String value);

    /** Every service of the swarm. */
    List<StackService> services();

    Optional<StackService> service(String idOrName);

    void scale(String idOrName, int replicas);

    void remove(String idOrName);

    /** Puts back the spec the service had before its last update; false when it has none (it was never updated). */
    boolean revert(String idOrName);

    /** The tasks of these services, all states (Swarm keeps a short history of ended ones). */
    List<SwarmTask> tasks(List<String> serviceIds);

    @Override
    void close();

    /** {@code localState}: inactive, pending, active, error or locked; {@code manager}: it can run services. */
    record SwarmState(String localState, boolean manager, String nodeId) {
    }

    record SwarmNode(String id, String hostname, String role, String availability, String state, String address) {
    }

    /**
     * A service as the manager reports it. {@code updateState}: null before any update, else updating, paused,
     * completed, rollback_started, rollback_paused or rollback_completed. {@code binds}: host paths it mounts.
     */
    record StackService(String id, String name, long version, Map<String, String> labels, String image,
                        List<String> command, Integer replicas, String updateState, String updateStarted,
                        String updateMessage, List<String> binds, String user, Map<String, String> environment,
                        List<PublishedPort> ports) {
    }

    /** {@code state}: new … running, complete, shutdown, failed, rejected (Swarm's names). */
    record SwarmTask(String id, String serviceId, Integer slot, String nodeId, String state, String desiredState,
                     String message, String error, String timestamp, String containerId) {
    }

    /** A port published by a service; {@code mode} is host (on each node running a task) or ingress. */
    record PublishedPort(int target, int published, String protocol, String mode) {
    }
}
