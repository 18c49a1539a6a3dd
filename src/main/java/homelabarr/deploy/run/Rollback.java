package homelabarr.deploy.run;

import homelabarr.deploy.plan.Plan;

import homelabarr.docker.ContainerSummary;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.docker.NetworkInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes exactly what one deployment created, found by its {@code homelabarr.deployment} label: containers
 * (force-removed, their anonymous volumes kept) and then networks. Volumes and bind-mounted data are never
 * touched; nor is a network another deployment made, even when this one used it.
 */
public final class Rollback {
    private final Engine engine;

    /** What was removed, and what could not be (with the engine's reason). */
    record Result(List<String> containers, List<String> networks, List<String> leftovers) {
        boolean clean() {
            return leftovers.isEmpty();
        }

        boolean removedAnything() {
            return !containers.isEmpty() || !networks.isEmpty();
        }
    }

    public Rollback(Engine engine) {
        this.engine = engine;
    }

    Result run(String deploymentId) {
        List<String> containers = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        try {
            for (ContainerSummary c : engine.containers(Plan.LABEL_DEPLOYMENT, deploymentId)) {
                if (removed(() -> engine.remove(c.id(), true, false), "container " + c.name(), leftovers)) {
                    containers.add(c.name());
                }
            }
            for (NetworkInfo n : engine.networks(Plan.LABEL_DEPLOYMENT, deploymentId)) {
                if (deploymentId.equals(n.labels().get(Plan.LABEL_DEPLOYMENT))
                        && removed(() -> engine.removeNetwork(n.id()), "network " + n.name(), leftovers)) {
                    networks.add(n.name());
                }
            }
        } catch (EngineException e) {
            leftovers.add("the Docker Engine could not be asked: " + e.engineMessage());
        }
        return new Result(containers, networks, leftovers);
    }

    /** True when it is gone (now, or already); otherwise notes why it is left. */
    static boolean removed(Runnable removal, String what, List<String> leftovers) {
        try {
            removal.run();
            return true;
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) {
                return true;
            }
            if (e.kind() == EngineException.Kind.UNREACHABLE) {
                throw e;
            }
            leftovers.add(what + " (" + e.engineMessage() + ")");
            return false;
        }
    }
}
