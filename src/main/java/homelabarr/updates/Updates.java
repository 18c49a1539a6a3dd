package homelabarr.updates;

import homelabarr.db.SecretBox;
import homelabarr.audit.AuditLog;
import homelabarr.db.Database;
import homelabarr.deploy.Deploy;
import homelabarr.docker.Engine;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.http.Principal;
import homelabarr.http.Role;
import io.helidon.webserver.http.HttpService;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The updates feature, wired: checks (scheduled and on demand), updates through the deploy pipeline, per-app
 * policies and registry logins. {@code engine} is the engine the apps run on (one per environment, later).
 */
public final class Updates implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Updates.class.getName());
    private final UpdateChecker checker;
    private final Updater updater;
    private final UpdateStore store;
    private final Clock clock;
    private final HttpService service;
    private final UpdateScheduler scheduler;

    public Updates(Duration checkInterval, Path dataDir, Database db, Engine engine, Deploy deploy, UpdateEvents events,
                   AuditLog audit, Json json, Authenticator authenticator, Clock clock) {
        this.clock = clock;
        this.store = new UpdateStore(db, json.mapper(), clock);
        store.settleInterrupted();
        RegistryLogins logins = new RegistryLogins(db, SecretBox.inDataDir(dataDir), clock);
        RegistryClient registry = new RegistryClient(json.mapper(), logins::find, clock);
        this.checker = new UpdateChecker(engine, registry, store, events, clock);
        this.updater = new Updater(deploy, checker, store, events, dataDir.resolve("snapshots"));
        this.service = new UpdatesService(checker, updater, store, logins, audit, json, authenticator);
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
