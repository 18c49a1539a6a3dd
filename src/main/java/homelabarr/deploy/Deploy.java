package homelabarr.deploy;

import homelabarr.deploy.events.DeploymentEnds;
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
    private final Tracking tracking;
    private final ProgressStream progressStream;

    /**
     * Where deployments are recorded and reported: shared with swarm deploys, so that one record, one event log and
     * one progress stream ({@code /stream/progress}) serve both kinds.
     */
    public record Tracking(DeploymentStore store, EventLog events, EventHub hub, DeploymentEnds ends) {
    }

    public Deploy(DeploySettings settings, Database db, Environments environments, Catalog catalog,
                  DeployPolicy policy, AuditLog audit, Json json, Authenticator authenticator, Clock clock,
                  DeploymentEnds ends) {
        EventHub hub = new EventHub();
        EventLog events = new EventLog(db, json.mapper(), clock, hub);
        DeploymentStore store = new DeploymentStore(db, json.mapper(), clock);
        AppLocks locks = new AppLocks();
        this.tracking = new Tracking(store, events, hub, ends);
        PerEnvironment<EngineSteps> steps = new PerEnvironment<>(environments,
                target -> EngineSteps.of(target, settings, store, locks, policy));
        this.recovery = new Recovery(store, events, env -> steps.get(env).rollback(),
                env -> steps.get(env).replacement(), audit, ends);
        recovery.run();
        this.deployer = new Deployer(catalog, new SettingsResolver(new SecretGenerator()), new Renderer(settings.proxy()),
                new Planner(settings.proxy()), steps, store, events, hub, locks, audit, policy, ends);
        this.progressStream = new ProgressStream(hub, events, settings.heartbeat());
        this.service = new DeployService(deployer, store, events, progressStream, steps, environments, audit, json,
                authenticator);
    }

    public HttpService service() {
        return service;
    }

    public Tracking tracking() {
        return tracking;
    }

    /** Clients following a deployment's progress now. */
    public int openProgressStreams() {
        return progressStream.open();
    }

    /** Stops running deployments where they stand (the next start rolls them back) and ends progress streams. */
    @Override
    public void close() {
        recovery.close();
        deployer.close();
    }
}
