package homelabarr.deploy;

import homelabarr.audit.AuditLog;
import homelabarr.deploy.DeploymentEvent.Failed;

import java.util.ArrayList;
import java.util.List;

/**
 * At start: deployments that were running when the server stopped are marked interrupted, what they had made is
 * rolled back, and a redeploy's previous containers are restored. Runs before the server accepts requests.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());
    private final DeploymentStore store;
    private final EventLog events;
    private final Rollback rollback;
    private final Replacement replacement;
    private final AuditLog audit;

    Recovery(DeploymentStore store, EventLog events, Rollback rollback, Replacement replacement, AuditLog audit) {
        this.store = store;
        this.events = events;
        this.rollback = rollback;
        this.replacement = replacement;
        this.audit = audit;
    }

    void run() {
        for (Deployment d : store.unfinished()) {
            Progress progress = new Progress(d.id(), events, store, List.of());
            Rollback.Result result = rollback.run(d.id());
            List<String> problems = new ArrayList<>(result.leftovers());
            problems.addAll(replacement.restore(store.replaced(d.id())));
            String reason = "The server stopped while this deployment was " + d.status() + "; "
                    + (problems.isEmpty() ? "what it had created was removed (volumes and data kept)"
                    : "cleanup incomplete: " + String.join("; ", problems));
            progress.step("rollback", null, "Removed " + result.containers().size() + " container(s) and "
                    + result.networks().size() + " network(s) after a restart");
            progress.status(DeploymentStatus.INTERRUPTED, reason);
            progress.event(new Failed(DeploymentStatus.INTERRUPTED.wireName(), reason));
            audit.record("system", null, "deploy", d.appId(), AuditLog.FAILURE, "deployment " + d.id() + " interrupted");
            LOG.log(System.Logger.Level.WARNING, "Deployment " + d.id() + " of " + d.appId() + " was interrupted by a restart: " + reason);
        }
    }
}
