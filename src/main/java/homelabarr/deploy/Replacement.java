package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import homelabarr.deploy.DeploymentStore.Replaced;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A redeploy's handling of the app's previous containers: after the new images are pulled they are stopped and
 * renamed aside (kept, with their data), the new ones take their names; on success the old ones are removed, on
 * failure they get their names back and are started again. The list is stored first so that a restart in between
 * can still restore them.
 */
final class Replacement {
    private static final int STOP_SECONDS = 10;
    private final DockerClient docker;
    private final DeploymentStore store;

    Replacement(DockerClient docker, DeploymentStore store) {
        this.docker = docker;
        this.store = store;
    }

    /** The app's containers from earlier deployments, oldest (first created) first. */
    List<Container> previous(String appId, String deploymentId) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Plan.LABEL_APP + "=" + appId)).exec()
                .stream().filter(c -> !deploymentId.equals(c.getLabels().get(Plan.LABEL_DEPLOYMENT)))
                .sorted(Comparator.comparing(Container::getCreated)).toList();
    }

    List<Replaced> setAside(String appId, String deploymentId, Progress progress) throws DeployFailure {
        List<Container> old = previous(appId, deploymentId);
        List<Replaced> replaced = new ArrayList<>();
        for (Container c : old) {
            String name = c.getNames()[0].substring(1);
            replaced.add(new Replaced(c.getId(), name, name + "-old-" + deploymentId.substring(0, 8),
                    "running".equals(c.getState())));
        }
        store.replaced(deploymentId, replaced);
        for (Replaced r : replaced.reversed()) {
            try {
                docker.stopContainerCmd(r.id()).withTimeout(STOP_SECONDS).exec();
            } catch (NotModifiedException alreadyStopped) {
                // fine: it was not running
            } catch (DockerException e) {
                throw new DeployFailure("Cannot stop the running " + r.name() + ": " + EngineErrors.message(e));
            }
            try {
                docker.renameContainerCmd(r.id()).withName(r.tempName()).exec();
            } catch (DockerException e) {
                throw new DeployFailure("Cannot rename the running " + r.name() + ": " + EngineErrors.message(e));
            }
            progress.step("replace", null, "Stopped the previous " + r.name());
        }
        return replaced;
    }

    /** After success: the previous containers go (their volumes stay). Returns what could not be removed. */
    List<String> removeOld(List<Replaced> replaced) {
        List<String> left = new ArrayList<>();
        for (Replaced r : replaced) {
            try {
                docker.removeContainerCmd(r.id()).withForce(true).withRemoveVolumes(false).exec();
            } catch (NotFoundException gone) {
                // already gone
            } catch (DockerException e) {
                left.add(r.tempName());
            }
        }
        return left;
    }

    /** After failure: the previous containers get their names back and start again, oldest first. */
    List<String> restore(List<Replaced> replaced) {
        List<String> problems = new ArrayList<>();
        for (Replaced r : replaced) {
            try {
                docker.renameContainerCmd(r.id()).withName(r.name()).exec();
            } catch (NotFoundException gone) {
                problems.add(r.name() + " is gone");
                continue;
            } catch (DockerException e) {
                // it may never have been renamed (the failure came first); starting it is what matters
                if (!EngineErrors.message(e).contains("same")) {
                    problems.add(r.name() + ": " + EngineErrors.message(e));
                }
            }
            if (!r.running()) {
                continue;
            }
            try {
                docker.startContainerCmd(r.id()).exec();
            } catch (NotModifiedException alreadyRunning) {
                // it was never stopped
            } catch (DockerException e) {
                problems.add(r.name() + ": " + EngineErrors.message(e));
            }
        }
        return problems;
    }
}
