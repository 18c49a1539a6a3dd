package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.command.CreateVolumeCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import homelabarr.deploy.Plan.NetworkSpec;
import homelabarr.deploy.Plan.VolumeSpec;

/**
 * Networks and volumes. Existing ones of the same app are reused (a redeploy keeps its network and, always, its
 * data); the shared proxy network is created when missing and belongs to no app.
 */
final class Resources {
    private final DockerClient docker;

    Resources(DockerClient docker) {
        this.docker = docker;
    }

    void networks(Plan plan, Progress progress) throws DeployFailure {
        for (NetworkSpec n : plan.networks()) {
            if (n.external()) {
                continue;
            }
            Network existing = find(n.name());
            if (existing != null) {
                String owner = existing.getLabels() == null ? null : existing.getLabels().get(Plan.LABEL_APP);
                if (!n.shared() && !plan.appId().equals(owner)) {
                    throw new DeployFailure("A network named '" + n.name() + "' exists and belongs to something else");
                }
                continue;
            }
            try {
                CreateNetworkCmd cmd = docker.createNetworkCmd().withName(n.name()).withLabels(n.labels())
                        .withCheckDuplicate(true);
                if (n.driver() != null) {
                    cmd.withDriver(n.driver());
                }
                cmd.exec();
                progress.step("network", null, "Created network " + n.name());
            } catch (DockerException e) {
                if (!(n.shared() && find(n.name()) != null)) {
                    throw new DeployFailure("Cannot create network " + n.name() + ": " + EngineErrors.message(e));
                }
            }
        }
    }

    void volumes(Plan plan, Progress progress) throws DeployFailure {
        for (VolumeSpec v : plan.volumes()) {
            if (v.external() || exists(v.name())) {
                continue;
            }
            try {
                CreateVolumeCmd cmd = docker.createVolumeCmd().withName(v.name()).withLabels(v.labels());
                if (v.driver() != null) {
                    cmd.withDriver(v.driver());
                }
                if (!v.driverOpts().isEmpty()) {
                    cmd.withDriverOpts(v.driverOpts());
                }
                cmd.exec();
                progress.step("volume", null, "Created volume " + v.name());
            } catch (DockerException e) {
                throw new DeployFailure("Cannot create volume " + v.name() + ": " + EngineErrors.message(e));
            }
        }
    }

    Network find(String name) {
        try {
            return docker.inspectNetworkCmd().withNetworkId(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    boolean exists(String volume) {
        try {
            docker.inspectVolumeCmd(volume).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
