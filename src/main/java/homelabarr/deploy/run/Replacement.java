package homelabarr.deploy.run;

import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.events.DeploymentStore.Replaced;
import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.Plan;

import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A redeploy's handling of the app's previous containers: after the new images are pulled they are stopped and
 * renamed aside (kept, with their data), the new ones take their names; on success the old ones are removed, on
 * failure they get their names back and are started again. The list is stored first so that a restart in between
 * can still restore them.
 */
public final class Replacement {
    private static final int STOP_SECONDS = 10;
    private final Engine engine;
    private final DeploymentStore store;

    public Replacement(Engine engine, DeploymentStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** The app's containers from earlier deployments, oldest (first created) first. */
    List<ContainerSummary> previous(String appId, String deploymentId) {
        return engine.containers(Plan.LABEL_APP, appId).stream()
                .filter(c -> !deploymentId.equals(c.labels().get(Plan.LABEL_DEPLOYMENT)))
                .sorted(Comparator.comparing(ContainerSummary::created, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    List<Replaced> setAside(String appId, String deploymentId, Progress progress) throws DeployFailure {
        List<Replaced> replaced = new ArrayList<>();
        for (ContainerSummary c : previous(appId, deploymentId)) {
            replaced.add(new Replaced(c.id(), c.name(), c.name() + "-old-" + deploymentId.substring(0, 8),
                    "running".equals(c.state())));
        }
        store.replaced(deploymentId, replaced);
        for (Replaced r : replaced.reversed()) {
            try {
                engine.stop(r.id(), STOP_SECONDS);
            } catch (EngineException e) {
                throw DeployFailure.engine("Cannot stop the running " + r.name(), e);
            }
            try {
                engine.rename(r.id(), r.tempName());
            } catch (EngineException e) {
                throw DeployFailure.engine("Cannot rename the running " + r.name(), e);
            }
            progress.step("replace", null, "Stopped the previous " + r.name());
        }
        return replaced;
    }

    /** After success: the previous containers go (their volumes stay). Returns what could not be removed. */
    List<String> removeOld(List<Replaced> replaced) {
        List<String> left = new ArrayList<>();
        for (Replaced r : replaced) {
            if (!Rollback.removed(() -> engine.remove(r.id(), true, false), r.tempName(), new ArrayList<>())) {
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
                engine.rename(r.id(), r.name());
            } catch (EngineException e) {
                if (e.kind() == EngineException.Kind.NOT_FOUND) {
                    problems.add(r.name() + " is gone");
                    continue;
                }
                // it may never have been renamed (the failure came first); starting it is what matters
                if (!e.engineMessage().contains("same")) {
                    problems.add(r.name() + ": " + e.engineMessage());
                }
            }
            if (!r.running()) {
                continue;
            }
            try {
                engine.start(r.id());
            } catch (EngineException e) {
                problems.add(r.name() + ": " + e.engineMessage());
            }
        }
        return problems;
    }
}
