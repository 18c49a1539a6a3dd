package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes exactly what one deployment created, found by its {@code homelabarr.deployment} label: containers
 * (force-removed, their anonymous volumes kept) and then networks. Volumes and bind-mounted data are never
 * touched; nor is a network another deployment made, even when this one used it.
 */
final class Rollback {
    private final DockerClient docker;

    /** What was removed, and what could not be (with the engine's reason). */
    record Result(List<String> containers, List<String> networks, List<String> leftovers) {
        boolean clean() {
            return leftovers.isEmpty();
        }

        boolean removedAnything() {
            return !containers.isEmpty() || !networks.isEmpty();
        }
    }

    Rollback(DockerClient docker) {
        this.docker = docker;
    }

    Result run(String deploymentId) {
        List<String> containers = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        String label = Plan.LABEL_DEPLOYMENT + "=" + deploymentId;
        try {
            for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()) {
                String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].substring(1);
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(false).exec();
                    containers.add(name);
                } catch (NotFoundException gone) {
                    containers.add(name);
                } catch (DockerException e) {
                    leftovers.add("container " + name + " (" + EngineErrors.message(e) + ")");
                }
            }
            for (Network n : docker.listNetworksCmd().withFilter("label", List.of(label)).exec()) {
                if (!deploymentId.equals(labels(n).get(Plan.LABEL_DEPLOYMENT))) {
                    continue;
                }
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                    networks.add(n.getName());
                } catch (NotFoundException gone) {
                    networks.add(n.getName());
                } catch (DockerException e) {
                    leftovers.add("network " + n.getName() + " (" + EngineErrors.message(e) + ")");
                }
            }
        } catch (RuntimeException e) {
            leftovers.add("the Docker Engine could not be asked: " + EngineErrors.message(e));
        }
        return new Result(containers, networks, leftovers);
    }

    private static Map<String, String> labels(Network n) {
        return n.getLabels() == null ? Map.of() : n.getLabels();
    }
}
