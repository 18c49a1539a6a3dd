package homelabarr.updates;

import homelabarr.audit.ServiceParts;
import homelabarr.db.Database;
import homelabarr.deploy.Deploy;
import homelabarr.deploy.events.Deployment;
import homelabarr.environments.Environments;
import homelabarr.http.Principal;
import homelabarr.http.Role;
import io.helidon.webserver.http.HttpService;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The updates feature, wired: checks (scheduled and on demand) of the apps on every environment, updates through
 * the deploy pipeline on the environment an app was last deployed to, per-app policies and registry logins.
 * {@code runs} and {@code logins} are built before the deploy feature, which uses them too.
 */
public final class Updates implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Updates.class.getName());
    private final UpdateChecker checker;
    private final Updater updater;
    private final UpdateStore store;
    private final Clock clock;
    private final HttpService service;
    private final UpdateScheduler scheduler;

    public Updates(Duration checkInterval, Path dataDir, Database db, Environments environments, Deploy deploy,
                   UpdateRuns runs, RegistryLogins logins, UpdateEvents events, ServiceParts parts,
                   Clock clock) {
        this.clock = clock;
        this.store = new UpdateStore(db, parts.json().mapper(), clock);
        store.settleInterrupted();
        RegistryClient registry = new RegistryClient(parts.json().mapper(), logins::find, clock);
        // where the deploy feature runs an update: the environment of the app's last successful deployment
        Function<String, String> environmentOf = app -> deploy.tracking().store()
                .lastSucceeded(null, app, Deployment.CONTAINERS).map(Deployment::environment).orElse(Environments.LOCAL);
        this.checker = new UpdateChecker(new DeployedContainers(environments, environmentOf), registry, store, events,
                clock);
        this.updater = new Updater(deploy, checker, store, events, runs, dataDir.resolve("snapshots"));
        this.service = new UpdatesService(checker, updater, store, logins, parts);
        this.scheduler = new UpdateScheduler(checkInterval, this::scheduledRound);
    }

    public HttpService service() {
        return service;
    }

    /** A scheduled check of every app, then the updates of apps whose policy is auto, inside their window. */
    void scheduledRound() {
        checker.check(null);
        List<UpdatePolicy> auto = store.policies().stream().filter(p -> UpdatePolicy.AUTO.equals(p.policy())).toList();
        for (UpdatePolicy policy : auto) {
            List<ContainerCheck> checks = store.checks(policy.appId());
            boolean available = checks.stream().anyMatch(ContainerCheck::updateAvailable);
            if (!available || !policy.inWindow(clock.instant()) || failedBefore(policy.appId(), checks)) {
                continue;
            }
            try {
                // on behalf of the administrator who chose auto: only an admin may set it, and the deploy policy
                // judges the update as that admin's deploy
                Principal who = new Principal(null, policy.setBy(), Role.ADMIN, false, Principal.Credential.NONE, null);
                updater.update(policy.appId(), who, "scheduler");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Automatic update of " + policy.appId() + " not started: " + e.getMessage());
            }
        }
    }

    /** The same digests were tried and rolled back already: wait for the next one rather than retry each round. */
    private boolean failedBefore(String appId, List<ContainerCheck> checks) {
        return store.runs(appId, 1).stream().anyMatch(run -> !"succeeded".equals(run.status()) && checks.stream()
                .filter(ContainerCheck::updateAvailable)
                .allMatch(c -> run.target().values().stream().anyMatch(t -> t.endsWith("@" + c.remoteDigest()))));
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
