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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
    private final Function<String, Rollback> rollbacks;
    private final Function<String, Replacement> replacements;
    private final AuditLog audit;
    private final DeploymentEnds ends;
    /** Deployment id to its environment, for those whose cleanup has to be tried again. */
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private volatile Thread retrier;

    /** {@code rollbacks} and {@code replacements} give each environment's own, by name. */
    public Recovery(DeploymentStore store, EventLog events, Function<String, Rollback> rollbacks,
                    Function<String, Replacement> replacements, AuditLog audit, DeploymentEnds ends) {
        this.ends = ends;
        this.store = store;
        this.events = events;
        this.rollbacks = rollbacks;
        this.replacements = replacements;
        this.audit = audit;
    }

    public void run() {
        // a swarm stack's deployment is the swarm feature's to recover
        for (Deployment d : store.unfinished(Deployment.CONTAINERS)) {
            Progress progress = new Progress(d.id(), events, store, List.of(), ends);
            Rollback.Result result;
            List<String> problems;
            try {
                result = rollbacks.apply(d.environment()).run(d.id());
                problems = new ArrayList<>(result.leftovers());
                problems.addAll(replacements.apply(d.environment()).restore(store.replaced(d.id())));
            } catch (RuntimeException gone) {
                // its environment was removed (or cannot be loaded): nothing here can reach what it made
                result = new Rollback.Result(List.of(), List.of(), List.of());
                problems = List.of("its environment '" + d.environment() + "' is not available");
            }
            String reason = "The server stopped while this deployment was " + d.status() + "; "
                    + (problems.isEmpty() ? "what it had created was removed (volumes and data kept)"
                    : "cleanup incomplete: " + String.join("; ", problems));
            if (!result.clean()) {
                pending.put(d.id(), d.environment());
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
                for (Map.Entry<String, String> entry : List.copyOf(pending.entrySet())) {
                    String id = entry.getKey();
                    Rollback.Result result;
                    try {
                        result = rollbacks.apply(entry.getValue()).run(id);
                    } catch (RuntimeException gone) {
                        pending.remove(id);
                        continue;
                    }
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
