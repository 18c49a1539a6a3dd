package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import homelabarr.http.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes a deployed app: every container and network labelled with its id. Volumes are kept unless asked for,
 * and then only those this app created (they carry its label); external volumes and the shared proxy network
 * are never removed.
 */
final class Undeployer {
    private final DockerClient docker;
    private final AppLocks locks;

    /** What went, what stayed. */
    record Result(String appId, List<String> containers, List<String> networks, List<String> volumesRemoved,
                  List<String> volumesKept, List<String> problems) {
    }

    Undeployer(DockerClient docker, AppLocks locks) {
        this.docker = docker;
        this.locks = locks;
    }

    Result undeploy(String appId, boolean removeVolumes) {
        if (!locks.acquire(appId, "undeploy")) {
            throw ApiException.conflict("Deployment in progress", appId
                    + " is being deployed or removed; cancel the deployment first (DELETE /deployments/:id)");
        }
        try {
            return remove(appId, removeVolumes);
        } catch (DockerException e) {
            // the engine answered, with an error: a 4xx or 502, not 503 "unavailable" (that is EngineUnreachableException)
            throw homelabarr.docker.EngineErrors.toApi(e, "list what " + appId + " consists of");
        } finally {
            locks.release(appId, "undeploy");
        }
    }

    private Result remove(String appId, boolean removeVolumes) {
        List<String> label = List.of(Plan.LABEL_APP + "=" + appId);
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec();
        List<Network> networks = docker.listNetworksCmd().withFilter("label", label).exec();
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", label).exec().getVolumes();
        if (containers.isEmpty() && networks.isEmpty()) {
            throw ApiException.notFound("Not deployed", appId + " has no containers or networks on this host");
        }
        List<String> problems = new ArrayList<>();
        List<String> removedContainers = new ArrayList<>();
        for (Container c : containers) {
            String name = c.getNames()[0].substring(1);
            try {
                // anonymous volumes (an image's VOLUME the template does not mount) go with removeVolumes too
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(removeVolumes).exec();
                removedContainers.add(name);
            } catch (NotFoundException gone) {
                removedContainers.add(name);
            } catch (DockerException e) {
                problems.add("container " + name + ": " + EngineErrors.message(e));
            }
        }
        List<String> removedNetworks = new ArrayList<>();
        for (Network n : networks) {
            try {
                docker.removeNetworkCmd(n.getId()).exec();
                removedNetworks.add(n.getName());
            } catch (NotFoundException gone) {
                removedNetworks.add(n.getName());
            } catch (DockerException e) {
                problems.add("network " + n.getName() + ": " + EngineErrors.message(e));
            }
        }
        List<String> removedVolumes = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            if (!removeVolumes) {
                kept.add(v.getName());
                continue;
            }
            try {
                docker.removeVolumeCmd(v.getName()).exec();
                removedVolumes.add(v.getName());
            } catch (DockerException e) {
                problems.add("volume " + v.getName() + ": " + EngineErrors.message(e));
            }
        }
        return new Result(appId, removedContainers, removedNetworks, removedVolumes, kept, problems);
    }
}
