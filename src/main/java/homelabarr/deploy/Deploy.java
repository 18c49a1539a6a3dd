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
import homelabarr.deploy.run.BindFolders;
import homelabarr.deploy.run.ContainerRunner;
import homelabarr.deploy.run.Executor;
import homelabarr.deploy.run.Preflight;
import homelabarr.deploy.run.PreviousSettings;
import homelabarr.deploy.run.Recovery;
import homelabarr.deploy.run.Replacement;
import homelabarr.deploy.run.Rollback;
import homelabarr.deploy.run.Undeployer;
import homelabarr.deploy.run.UpdateGate;
import homelabarr.deploy.run.Verifier;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.catalog.ImageRef;
import homelabarr.http.Principal;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import homelabarr.audit.AuditLog;
import homelabarr.catalog.Catalog;
import homelabarr.db.Database;
import homelabarr.docker.Engine;
import homelabarr.http.Authenticator;
import homelabarr.host.Host;
import homelabarr.http.Json;
import homelabarr.policy.ContainerGuard;
import homelabarr.policy.DeployPolicy;
import io.helidon.webserver.http.HttpService;

import java.time.Clock;

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
    private final Engine engine;
    /** This process runs on the Docker host: it can probe the app's port and archive its folders directly. */
    private final boolean localHost;

    /**
     * Where deployments are recorded and reported: shared with swarm deploys, so that one record, one event log and
     * one progress stream ({@code /stream/progress}) serve both kinds.
     */
    public record Tracking(DeploymentStore store, EventLog events, EventHub hub, DeploymentEnds ends) {
    }

    /**
     * {@code ends}: told when a deployment ends (notifications, metrics); {@code updateOf}: the app's update state
     * for the deployment detail's {@code update} field (null: none).
     */
    public Deploy(DeploySettings settings, Database db, Engine engine, Host host, Catalog catalog, DeployPolicy policy,
                  ContainerGuard guard, AuditLog audit, Json json, Authenticator authenticator, Clock clock,
                  DeploymentEnds ends, Function<String, Object> updateOf) {
        EventHub hub = new EventHub();
        EventLog events = new EventLog(db, json.mapper(), clock, hub);
        DeploymentStore store = new DeploymentStore(db, json.mapper(), clock);
        AppLocks locks = new AppLocks();
        this.tracking = new Tracking(store, events, hub, ends);
        ContainerRunner runner = new ContainerRunner(engine);
        Rollback rollback = new Rollback(engine);
        Replacement replacement = new Replacement(engine, store);
        BindFolders folders = new BindFolders(host);
        Executor executor = new Executor(engine, folders,
                new Verifier(runner, settings.verifyTimeout(), settings.settle()), runner, rollback, replacement);
        this.recovery = new Recovery(store, events, rollback, replacement, audit, ends);
        recovery.run();
        this.deployer = new Deployer(catalog, new SettingsResolver(new SecretGenerator()), new Renderer(settings.proxy()),
                new Planner(settings.proxy()),
                new Preflight(engine, host, folders), executor, store, events, hub, locks, audit,
                new PreviousSettings(engine, store), policy, ends);
        this.progressStream = new ProgressStream(hub, events, settings.heartbeat());
        this.settings = settings;
        this.engine = engine;
        this.localHost = host.mode() == Host.Mode.LOCAL;
        this.service = new DeployService(deployer, store, events, progressStream,
                new Undeployer(engine, locks), guard, audit, json, authenticator, updateOf);
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
     * {@code ApiException}s.
     */
    public UpdateStarted update(String appId, Map<String, ImageRef> pins, Path snapshotArchive, Principal who,
                                String client, Consumer<UpdateEnded> onEnd) {
        UpdateGate gate = new UpdateGate(engine, settings.updateKeepRunning(), settings.verifyTimeout(), localHost,
                localHost ? snapshotArchive : null, SNAPSHOT_MAX_BYTES);
        Deployer.Accepted accepted = DeployService.answered(() -> deployer.update(appId, pins, gate, who, client,
                (id, outcome) -> onEnd.accept(new UpdateEnded(id, outcome.status().wireName(), outcome.reason()))));
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
