package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerNetwork;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static homelabarr.docker.EngineCalls.call;
import static homelabarr.docker.EngineCalls.found;
import static homelabarr.docker.EngineCalls.run;

/** {@link DockerEngine}'s container and image calls: list, inspect, create, the lifecycle, what a container runs. */
final class DockerContainers {
    private final DockerClient client;

    DockerContainers(DockerClient client) {
        this.client = client;
    }

    List<ContainerSummary> all() {
        return call("list containers", () -> client.listContainersCmd().withShowAll(true).exec().stream()
                .map(ContainerSummary::of).toList());
    }

    List<ContainerSummary> labelled(String label, String value) {
        return call("list containers labelled " + label, () -> client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(label, value)).exec().stream().map(ContainerSummary::of).toList());
    }

    Optional<ContainerSummary> one(String id) {
        return call("list container " + id, () -> client.listContainersCmd().withShowAll(true)
                .withIdFilter(List.of(id)).exec().stream()
                .filter(c -> c.getId().equals(id)).findFirst().map(ContainerSummary::of));
    }

    ContainerRef inspect(String ref) {
        InspectContainerResponse c = call("find container " + ref, () -> client.inspectContainerCmd(ref).exec());
        InspectContainerResponse.ContainerState state = c.getState();
        String name = c.getName() == null ? "" : c.getName().replaceFirst("^/", "");
        return new ContainerRef(c.getId(), name, state == null ? "unknown" : state.getStatus(),
                state != null && Boolean.TRUE.equals(state.getRunning()),
                c.getConfig() != null && Boolean.TRUE.equals(c.getConfig().getTty()));
    }

    InspectContainerResponse inspectRaw(String id) {
        return call("inspect container " + id, () -> client.inspectContainerCmd(id).exec());
    }

    String create(CreateSpec spec) {
        return call("create container " + spec.name(), () -> ContainerCreation.command(client, spec).exec().getId());
    }

    void connect(String containerId, String network, List<String> aliases) {
        run("connect a container to network " + network, () -> client.connectToNetworkCmd().withContainerId(containerId)
                .withNetworkId(network).withContainerNetwork(new ContainerNetwork().withAliases(aliases)).exec());
    }

    boolean start(String id) {
        return changed("start container " + id, () -> client.startContainerCmd(id).exec());
    }

    boolean stop(String id, int timeoutSeconds) {
        return changed("stop container " + id, () -> client.stopContainerCmd(id).withTimeout(timeoutSeconds).exec());
    }

    void restart(String id, int timeoutSeconds) {
        run("restart container " + id, () -> client.restartContainerCmd(id).withTimeout(timeoutSeconds).exec());
    }

    void remove(String id, boolean force, boolean volumes) {
        run("remove container " + id, () -> client.removeContainerCmd(id).withForce(force).withRemoveVolumes(volumes).exec());
    }

    void rename(String id, String name) {
        run("rename container " + id, () -> client.renameContainerCmd(id).withName(name).exec());
    }

    /** The engine answers 304 when a container already is in the asked-for state: no change, not an error. */
    private static boolean changed(String action, Runnable call) {
        try {
            run(action, call);
            return true;
        } catch (EngineException e) {
            if (e.getCause() instanceof NotModifiedException) {
                return false;
            }
            throw e;
        }
    }

    RunningImage runningImage(String containerId) {
        InspectContainerResponse c = inspectRaw(containerId);
        InspectImageResponse image = call("inspect image " + c.getImageId(), () -> client.inspectImageCmd(c.getImageId()).exec());
        List<String> digests = image.getRepoDigests() == null ? List.of() : image.getRepoDigests();
        boolean healthcheck = image.getConfig() != null && image.getConfig().getHealthcheck() != null
                && image.getConfig().getHealthcheck().getTest() != null
                && !image.getConfig().getHealthcheck().getTest().isEmpty()
                && !"NONE".equals(image.getConfig().getHealthcheck().getTest().get(0));
        return new RunningImage(c.getId(), c.getConfig() == null ? null : c.getConfig().getImage(), c.getImageId(),
                digests, healthcheck);
    }

    boolean imagePresent(String reference) {
        return found("inspect image " + reference, () -> client.inspectImageCmd(reference).exec()).isPresent();
    }

    Optional<Engine.SelfInfo> self(String id) {
        try {
            InspectContainerResponse c = inspectRaw(id);
            return Optional.of(new Engine.SelfInfo(c.getId(), c.getImageId(),
                    c.getHostConfig() == null ? null : c.getHostConfig().getNetworkMode()));
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
