package homelabarr.deploy;

import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.events.EventHub;
import homelabarr.deploy.events.EventLog;
import homelabarr.deploy.events.ProgressStream;
import homelabarr.deploy.plan.Planner;
import homelabarr.deploy.plan.Renderer;
import homelabarr.deploy.plan.SecretGenerator;
import homelabarr.deploy.plan.SettingsResolver;
import homelabarr.deploy.run.Recovery;

import homelabarr.audit.AuditLog;
import homelabarr.catalog.Catalog;
import homelabarr.db.Database;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.http.Authenticator;
import homelabarr.http.Json;
import homelabarr.policy.DeployPolicy;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;

/** The deploy feature, wired: its routes, and shutdown. Interrupted deployments are recovered on construction. */
public final class Deploy implements AutoCloseable {
    private final Deployer deployer;
    private final Recovery recovery;
    private final HttpService service;

    public Deploy(DeploySettings settings, Database db, Environments environments, Catalog catalog,
                  DeployPolicy policy, AuditLog audit, Json json, Authenticator authenticator, Clock clock) {
        EventHub hub = new EventHub();
        EventLog events = new EventLog(db, json.mapper(), clock, hub);
        DeploymentStore store = new DeploymentStore(db, json.mapper(), clock);
        AppLocks locks = new AppLocks();
        PerEnvironment<EngineSteps> steps = new PerEnvironment<>(environments,
                target -> EngineSteps.of(target, settings, store, locks, policy));
        this.recovery = new Recovery(store, events, env -> steps.get(env).rollback(),
                env -> steps.get(env).replacement(), audit);
        recovery.run();
        this.deployer = new Deployer(catalog, new SettingsResolver(new SecretGenerator()), new Renderer(settings.proxy()),
                new Planner(settings.proxy()), steps, store, events, hub, locks, audit, policy);
        this.service = new DeployService(deployer, store, events, new ProgressStream(hub, events, settings.heartbeat()),
                steps, environments, audit, json, authenticator);
    }

    public HttpService service() {
        return service;
    }

    /** Stops running deployments where they stand (the next start rolls them back) and ends progress streams. */
    @Override
    public void close() {
        recovery.close();
        deployer.close();
    }
}
