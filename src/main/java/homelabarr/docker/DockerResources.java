package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.command.CreateVolumeCmd;
import com.github.dockerjava.api.command.InspectVolumeResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static homelabarr.docker.EngineCalls.call;
import static homelabarr.docker.EngineCalls.found;
import static homelabarr.docker.EngineCalls.run;

/** {@link DockerEngine}'s network and volume calls. */
final class DockerResources {
    private final DockerClient client;

    DockerResources(DockerClient client) {
        this.client = client;
    }

    List<NetworkInfo> networks(String label, String value) {
        return call("list networks", () -> client.listNetworksCmd().withFilter("label", List.of(label + "=" + value)).exec()
                .stream().map(n -> new NetworkInfo(n.getId(), n.getName(), n.getLabels())).toList());
    }

    Optional<NetworkInfo> network(String nameOrId) {
        return found("inspect network " + nameOrId, () -> client.inspectNetworkCmd().withNetworkId(nameOrId).exec())
                .map(n -> new NetworkInfo(n.getId(), n.getName(), n.getLabels()));
    }

    String createNetwork(String name, String driver, Map<String, String> labels) {
        return call("create network " + name, () -> {
            CreateNetworkCmd cmd = client.createNetworkCmd().withName(name).withLabels(labels).withCheckDuplicate(true);
            if (driver != null) {
                cmd.withDriver(driver);
            }
            return cmd.exec().getId();
        });
    }

    void removeNetwork(String id) {
        run("remove network " + id, () -> client.removeNetworkCmd(id).exec());
    }

    List<VolumeInfo> volumes(String label, String value) {
        return call("list volumes", () -> {
            List<InspectVolumeResponse> found = client.listVolumesCmd().withFilter("label", List.of(label + "=" + value))
                    .exec().getVolumes();
            return found == null ? List.<VolumeInfo>of()
                    : found.stream().map(v -> new VolumeInfo(v.getName(), v.getLabels())).toList();
        });
    }

    boolean volumeExists(String name) {
        return found("inspect volume " + name, () -> client.inspectVolumeCmd(name).exec()).isPresent();
    }

    void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        run("create volume " + name, () -> {
            CreateVolumeCmd cmd = client.createVolumeCmd().withName(name).withLabels(labels);
            if (driver != null) {
                cmd.withDriver(driver);
            }
            if (!driverOpts.isEmpty()) {
                cmd.withDriverOpts(driverOpts);
            }
            cmd.exec();
        });
    }

    void removeVolume(String name) {
        run("remove volume " + name, () -> client.removeVolumeCmd(name).exec());
    }
}
