package homelabarr.deploy.run;

import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.DeploymentEnds;
import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.events.EventLog;
import homelabarr.deploy.events.Progress;

import homelabarr.audit.AuditLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At start: deployments that were running when the server stopped are marked interrupted, what they had made is
 * rolled back, and a redeploy's previous containers are restored. Runs before the server accepts requests. When the
 * engine could not be asked (it starts after us at boot, say), the rollback is retried in the background until it
 * succeeds, so half-made apps do not linger.
 */
public final class Recovery implements AutoCloseable {
    public static final Duration RETRY_EVERY = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());
    private final DeploymentStore store;
    private final EventLog events;
    private final Rollback rollback;
    private final Replacement replacement;
    private final AuditLog audit;
    private final DeploymentEnds ends;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile Thread retrier;

    public Recovery(DeploymentStore store, EventLog events, Rollback rollback, Replacement replacement, AuditLog audit,
                    DeploymentEnds ends) {
        this.ends = ends;
        this.store = store;
        this.events = events;
        this.rollback = rollback;
        this.replacement = replacement;
        this.audit = audit;
    }

    public void run() {
        for (Deployment d : store.unfinished()) {
            Progress progress = new Progress(d.id(), events, store, List.of(), ends);
            Rollback.Result result = rollback.run(d.id());
            List<String> problems = new ArrayList<>(result.leftovers());
            problems.addAll(replacement.restore(store.replaced(d.id())));
            String reason = "The server stopped while this deployment was " + d.status() + "; "
                    + (problems.isEmpty() ? "what it had created was removed (volumes and data kept)"
                    : "cleanup incomplete: " + String.join("; ", problems));
            if (!result.clean()) {
                pending.add(d.id());
            }
            progress.step("rollback", null, "Removed " + result.containers().size() + " container(s) and "
                    + result.networks().size() + " network(s) after a restart");
            progress.ended(DeploymentStatus.INTERRUPTED, reason);
            audit.record("system", null, "deploy", d.appId(), AuditLog.FAILURE, "deployment " + d.id() + " interrupted");
            LOG.log(System.Logger.Level.WARNING, "Deployment " + d.id() + " of " + d.appId() + " was interrupted by a restart: " + reason);
        }
        if (!pending.isEmpty()) {
            retrier = Thread.ofVirtual().name("deploy-recovery").start(this::retry);
        }
    }

    private void retry() {
        try {
            while (!pending.isEmpty()) {
                Thread.sleep(RETRY_EVERY);
                for (String id : List.copyOf(pending)) {
                    Rollback.Result result = rollback.run(id);
                    if (result.clean()) {
                        pending.remove(id);
                        audit.record("system", null, "deploy.cleanup", id, AuditLog.SUCCESS,
                                "removed " + result.containers().size() + " container(s) and " + result.networks().size()
                                        + " network(s) left by an interrupted deployment");
                        LOG.log(System.Logger.Level.INFO, "Cleaned up after interrupted deployment " + id);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Thread running = retrier;
        if (running != null) {
            running.interrupt();
        }
    }
}
