package homelabarr.deploy.run;

import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.NetworkSpec;
import homelabarr.deploy.plan.Plan.VolumeSpec;

import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.docker.NetworkInfo;

import java.util.Optional;

/**
 * Networks and volumes. Existing ones of the same app are reused (a redeploy keeps its network and, always, its
 * data); the shared proxy network is created when missing and belongs to no app.
 */
final class Resources {
    private final Engine engine;

    Resources(Engine engine) {
        this.engine = engine;
    }

    void networks(Plan plan, Progress progress) throws DeployFailure {
        for (NetworkSpec n : plan.networks()) {
            if (n.external()) {
                continue;
            }
            Optional<NetworkInfo> existing = engine.network(n.name());
            if (existing.isPresent()) {
                String owner = existing.get().labels().get(Plan.LABEL_APP);
                if (!n.shared() && !plan.appId().equals(owner)) {
                    throw new DeployFailure("A network named '" + n.name() + "' exists and belongs to something else");
                }
                continue;
            }
            try {
                engine.createNetwork(n.name(), n.driver(), n.labels());
                progress.step("network", null, "Created network " + n.name());
            } catch (EngineException e) {
                // two deployments may create the shared proxy network at once: the other one's is as good
                if (e.kind() == EngineException.Kind.UNREACHABLE || !(n.shared() && engine.network(n.name()).isPresent())) {
                    throw DeployFailure.engine("Cannot create network " + n.name(), e);
                }
            }
        }
    }

    void volumes(Plan plan, Progress progress) throws DeployFailure {
        for (VolumeSpec v : plan.volumes()) {
            if (v.external() || engine.volumeExists(v.name())) {
                continue;
            }
            try {
                engine.createVolume(v.name(), v.driver(), v.driverOpts(), v.labels());
                progress.step("volume", null, "Created volume " + v.name());
            } catch (EngineException e) {
                throw DeployFailure.engine("Cannot create volume " + v.name(), e);
            }
        }
    }
}
