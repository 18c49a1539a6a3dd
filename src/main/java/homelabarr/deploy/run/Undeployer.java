package homelabarr.deploy.run;

import homelabarr.deploy.AppLocks;
import homelabarr.deploy.plan.Plan;

import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.NetworkInfo;
import homelabarr.docker.VolumeInfo;

import homelabarr.errors.Refused;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes a deployed app: every container and network labelled with its id. Volumes are kept unless asked for,
 * and then only those this app created (they carry its label); external volumes and the shared proxy network
 * are never removed.
 */
public final class Undeployer {
    private final Engine engine;
    private final AppLocks locks;

    /** What went, what stayed. */
    public record Result(String appId, List<String> containers, List<String> networks, List<String> volumesRemoved,
                  List<String> volumesKept, List<String> problems) {
    }

    public Undeployer(Engine engine, AppLocks locks) {
        this.engine = engine;
        this.locks = locks;
    }

    public Result undeploy(String appId, boolean removeVolumes) {
        if (!locks.acquire(appId, "undeploy")) {
            throw Refused.conflict("Deployment in progress", appId
                    + " is being deployed or removed; cancel the deployment first (DELETE /deployments/:id)");
        }
        try {
            return remove(appId, removeVolumes);
        } finally {
            locks.release(appId, "undeploy");
        }
    }

    private Result remove(String appId, boolean removeVolumes) {
        List<ContainerSummary> containers = engine.containers(Plan.LABEL_APP, appId);
        List<NetworkInfo> networks = engine.networks(Plan.LABEL_APP, appId);
        List<VolumeInfo> volumes = engine.volumes(Plan.LABEL_APP, appId);
        if (containers.isEmpty() && networks.isEmpty()) {
            throw Refused.notFound("Not deployed", appId + " has no containers or networks on this host");
        }
        List<String> problems = new ArrayList<>();
        List<String> removedContainers = new ArrayList<>();
        for (ContainerSummary c : containers) {
            // anonymous volumes (an image's VOLUME the template does not mount) go with removeVolumes too
            if (Rollback.removed(() -> engine.remove(c.id(), true, removeVolumes), "container " + c.name(), problems)) {
                removedContainers.add(c.name());
            }
        }
        List<String> removedNetworks = new ArrayList<>();
        for (NetworkInfo n : networks) {
            if (Rollback.removed(() -> engine.removeNetwork(n.id()), "network " + n.name(), problems)) {
                removedNetworks.add(n.name());
            }
        }
        List<String> removedVolumes = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (VolumeInfo v : volumes) {
            if (!removeVolumes) {
                kept.add(v.name());
            } else if (Rollback.removed(() -> engine.removeVolume(v.name()), "volume " + v.name(), problems)) {
                removedVolumes.add(v.name());
            }
        }
        return new Result(appId, removedContainers, removedNetworks, removedVolumes, kept, problems);
    }
}
