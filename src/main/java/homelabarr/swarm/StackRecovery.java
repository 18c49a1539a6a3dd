package homelabarr.swarm;

import homelabarr.audit.AuditLog;
import homelabarr.deploy.Deploy;
import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.Progress;
import homelabarr.environments.PerEnvironment;
import homelabarr.errors.Refused;

import java.util.List;

/**
 * At start, before the routes answer: stack deployments that were running when the server stopped are ended
 * {@code interrupted}, and what they did is undone as a cancel would ({@link StackUndo}): a half-made first
 * deploy's stack is removed, a redeploy's services get their previous specs back. Container deployments are the
 * deploy feature's ({@code deploy.run.Recovery}).
 */
final class StackRecovery {
    private static final System.Logger LOG = System.getLogger(StackRecovery.class.getName());

    private StackRecovery() {
    }

    static void run(Deploy.Tracking tracking, PerEnvironment<SwarmTarget> targets, AuditLog audit) {
        for (Deployment d : tracking.store().unfinished(Deployment.STACK)) {
            Progress progress = new Progress(d.id(), tracking.events(), tracking.store(), List.of(), tracking.ends());
            String done;
            try {
                SwarmTarget on = targets.get(d.environment());
                StackUndo.Result undone = StackUndo.undo(on.engine(), d.appId(), d.id(), progress::step);
                done = !undone.problems().isEmpty() ? "cleanup incomplete: " + String.join("; ", undone.problems())
                        : d.redeploy() ? "the services it had updated got their previous specs back"
                        : "the stack it had begun was removed (volumes kept)";
            } catch (RuntimeException e) {
                // its environment was removed, cannot be loaded, or its manager does not answer now
                done = "cleanup not possible now: " + (e instanceof Refused r ? r.details()
                        : e.getMessage()) + "; remove the stack with DELETE /swarm/stacks/" + d.appId() + " if it is left";
            }
            String reason = "The server stopped while this stack deployment was " + d.status() + "; " + done;
            progress.ended(DeploymentStatus.INTERRUPTED, reason);
            audit.record("system", null, "swarm.deploy", SwarmService.where(d.appId(), d.environment()), AuditLog.FAILURE,
                    "deployment " + d.id() + " interrupted");
            LOG.log(System.Logger.Level.WARNING, "Stack deployment " + d.id() + " of " + d.appId() + " was interrupted: "
                    + reason);
        }
    }
}
