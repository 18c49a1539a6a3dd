package homelabarr.swarm;

import homelabarr.deploy.plan.Plan;
import homelabarr.docker.EngineException;
import homelabarr.docker.SwarmEngine;
import homelabarr.docker.SwarmEngine.StackService;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes one deployment of a stack back, found by its label, so a cancel and a restart's recovery do the same: a
 * service this deployment updated gets its previous spec back (Swarm keeps it), one it created is removed, and when
 * no service of the stack is left its overlay networks go too. A service Swarm already rolled back carries the
 * previous deployment's label again and is left as it is.
 */
final class StackUndo {
    record Result(List<String> reverted, List<String> removed, List<String> problems) {
    }

    private StackUndo() {
    }

    static Result undo(SwarmEngine engine, String app, String deploymentId, StackCleanup.Report report) {
        List<String> reverted = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (StackService s : engine.services(Plan.LABEL_DEPLOYMENT, deploymentId)) {
            String name = StackRollout.composeName(app, s.name());
            try {
                if (engine.revert(s.id())) {
                    reverted.add(s.name());
                    report.step("rollback", name, "Put back the previous spec of " + s.name());
                } else {
                    engine.remove(s.id());
                    removed.add(s.name());
                    report.step("rollback", name, "Removed the new service " + s.name());
                }
            } catch (EngineException e) {
                problems.add("service " + s.name() + ": " + e.maskedMessage());
                report.step("rollback", name, "Could not undo " + s.name() + ": " + e.maskedMessage());
            }
        }
        if (engine.services(StackSpecs.NAMESPACE, app).isEmpty()) {
            StackCleanup.removeNetworks(engine, engine.networks(StackSpecs.NAMESPACE, app), report)
                    .forEach(n -> problems.add("network " + n + " is still in use"));
        }
        return new Result(reverted, removed, problems);
    }
}
