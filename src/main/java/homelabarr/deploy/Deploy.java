package homelabarr.deploy;

import homelabarr.audit.AuditLog;
import homelabarr.audit.ServiceParts;
import homelabarr.catalog.AppPage;
import homelabarr.catalog.Catalog;
import homelabarr.catalog.ImageRef;
import homelabarr.db.Database;
import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentEnds;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.events.EventHub;
import homelabarr.deploy.events.EventLog;
import homelabarr.deploy.events.ProgressStream;
import homelabarr.deploy.plan.Planner;
import homelabarr.deploy.plan.Renderer;
import homelabarr.deploy.plan.SecretGenerator;
import homelabarr.deploy.plan.SettingsResolver;
import homelabarr.deploy.run.Recovery;
import homelabarr.deploy.run.UpdateGate;
import homelabarr.docker.RegistryAuth;
import homelabarr.environments.Environments;
import homelabarr.environments.PerEnvironment;
import homelabarr.environments.Target;
import homelabarr.host.Host;
import homelabarr.http.Json;
import homelabarr.http.Principal;
import homelabarr.policy.DeployPolicy;
import io.helidon.webserver.http.HttpService;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** The deploy feature, wired: its routes, and shutdown. Interrupted deployments are recovered on construction. */
public final class Deploy implements AutoCloseable {
    /** Config folders larger than this are not archived before an update (a media library is no config). */
    private static final long SNAPSHOT_MAX_BYTES = 256L << 20;
    private final Deployer deployer;
    private final Recovery recovery;
    private final HttpService service;
    private final Tracking tracking;
    private final ProgressStream progressStream;
    private final DeploySettings settings;
    private final Environments environments;

    /**
     * Where deployments are recorded and reported: shared with swarm deploys, so that one record, one event log and
     * one progress stream ({@code /stream/progress}) serve both kinds.
     */
    public record Tracking(DeploymentStore store, EventLog events, EventHub hub, DeploymentEnds ends, Cancels cancels) {
    }

    /**
     * {@code ends}: told when a deployment ends (notifications, metrics); {@code updateOf}: the app's update state
     * for the deployment detail's {@code update} field (null: none); {@code logins}: the registry logins pulls use.
     */
    public Deploy(DeploySettings settings, Database db, Environments environments, Catalog catalog,
                  DeployPolicy policy, ServiceParts parts, Clock clock,
                  DeploymentEnds ends, Function<String, Object> updateOf, RegistryAuth.Lookup logins) {
        AuditLog audit = parts.audit();
        Json json = parts.json();
        EventHub hub = new EventHub();
        EventLog events = new EventLog(db, json.mapper(), clock, hub);
        DeploymentStore store = new DeploymentStore(db, json.mapper(), clock);
        AppLocks locks = new AppLocks();
        this.tracking = new Tracking(store, events, hub, ends, new Cancels());
        PerEnvironment<EngineSteps> steps = new PerEnvironment<>(environments,
                target -> EngineSteps.of(target, settings, store, locks, policy, logins));
        this.recovery = new Recovery(store, events, env -> steps.get(env).rollback(),
                env -> steps.get(env).replacement(), audit, ends);
        recovery.run();
        this.deployer = new Deployer(catalog, new SettingsResolver(new SecretGenerator()), new Renderer(settings.proxy()),
                new Planner(settings.proxy()), steps, store, events, hub, locks, audit, policy, ends,
                tracking.cancels());
        this.progressStream = new ProgressStream(hub, events, settings.heartbeat());
        this.settings = settings;
        this.environments = environments;
        DeployService deploys = new DeployService(deployer, store, events, progressStream, environments, parts, updateOf);
        ApplicationsService applications = new ApplicationsService(new AppPage(catalog,
                app -> policy.assessDefaults(app).reasons(), policy::version, json), steps, parts);
        this.service = rules -> {
            deploys.routing(rules);
            applications.routing(rules);
        };
    }

    /** An update as started: the deployment that runs it, and its progress stream. */
    public record UpdateStarted(String deploymentId, String appId, String streamUrl) {
    }

    /** How an update ended: succeeded, or rolled back / failed with the reason. */
    public record UpdateEnded(String deploymentId, String status, String reason) {
        public boolean succeeded() {
            return DeploymentStatus.SUCCEEDED.wireName().equals(status);
        }
    }

    /**
     * Updates a deployed app: a redeploy with its last mode and settings, {@code pins} (service to pinned image,
     * {@code name:tag@sha256:…}) replacing those services' images, judged by the same deploy policy as a deploy,
     * gated on health; on failure the previous containers come back, and the config folders are restored from the
     * snapshot taken into {@code snapshotArchive} (null: none) after the previous containers stopped. Refusals are
     * {@code Refused}.
     */
    public UpdateStarted update(String appId, Map<String, ImageRef> pins, Path snapshotArchive, Principal who,
                                String client, Consumer<UpdateEnded> onEnd) {
        // the gate watches the app where it runs: the environment of its last successful deployment
        String environment = tracking.store().lastSucceeded(null, appId, Deployment.CONTAINERS)
                .map(Deployment::environment).orElse(Environments.LOCAL);
        Target target = environments.target(environment);
        // only a process on the Docker host itself can probe the app's port and archive its folders directly
        boolean localHost = target.host().mode() == Host.Mode.LOCAL;
        UpdateGate gate = new UpdateGate(target.engine(), settings.updateKeepRunning(), settings.verifyTimeout(),
                localHost, localHost ? snapshotArchive : null, SNAPSHOT_MAX_BYTES);
        Deployer.Accepted accepted = deployer.update(appId, pins, gate, who, client,
                (id, outcome) -> onEnd.accept(new UpdateEnded(id, outcome.status().wireName(), outcome.reason())));
        return new UpdateStarted(accepted.deploymentId(), accepted.appId(),
                "/stream/progress?deploymentId=" + accepted.deploymentId());
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
