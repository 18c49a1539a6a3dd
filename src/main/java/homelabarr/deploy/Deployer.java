package homelabarr.deploy;

import homelabarr.deploy.events.DeploymentId;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.DeploymentEnds;
import homelabarr.deploy.events.DeploymentStore;
import homelabarr.deploy.events.EventHub;
import homelabarr.deploy.events.EventLog;
import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.FolderRoots;
import homelabarr.deploy.plan.Mode;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Planner;
import homelabarr.deploy.plan.Renderer;
import homelabarr.deploy.plan.ResolvedSettings;
import homelabarr.deploy.plan.SettingsResolver;
import homelabarr.deploy.run.Cancellation;
import homelabarr.deploy.run.Executor;
import homelabarr.deploy.run.Job;
import homelabarr.deploy.run.UpdateGate;
import homelabarr.deploy.events.Deployment;

import homelabarr.audit.AuditLog;
import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.Catalog;
import homelabarr.catalog.ImageRef;
import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.db.Ids;
import homelabarr.environments.PerEnvironment;
import homelabarr.errors.Refused;
import homelabarr.http.Principal;
import homelabarr.policy.Assessment;
import homelabarr.policy.DeployPolicy;
import homelabarr.policy.Workloads;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Accepts deploy requests: validates and plans them on the request thread (every problem is a 4xx before
 * anything runs), then runs each on its own virtual thread. At most one deployment (or undeploy) per app at a
 * time; in-flight ones can be cancelled, and are stopped (for the restart recovery to finish) at shutdown.
 */
final class Deployer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Deployer.class.getName());
    private final Catalog catalog;
    private final SettingsResolver resolver;
    private final Renderer renderer;
    private final Planner planner;
    private final PerEnvironment<EngineSteps> steps;
    private final DeploymentStore store;
    private final EventLog events;
    private final EventHub hub;
    private final AppLocks locks;
    private final AuditLog audit;
    private final DeployPolicy policy;
    private final DeploymentEnds ends;
    private final Cancels others;
    private final Ids ids = new Ids();
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(String appId, Cancellation cancellation, Thread thread) {
    }

    /** What the caller gets back at once. */
    record Accepted(String deploymentId, String appId, String status, List<String> risks) {
    }

    Deployer(Catalog catalog, SettingsResolver resolver, Renderer renderer, Planner planner,
             PerEnvironment<EngineSteps> steps, DeploymentStore store, EventLog events, EventHub hub, AppLocks locks,
             AuditLog audit, DeployPolicy policy, DeploymentEnds ends, Cancels others) {
        this.ends = ends;
        this.others = others;
        this.policy = policy;
        this.steps = steps;
        this.catalog = catalog;
        this.resolver = resolver;
        this.renderer = renderer;
        this.planner = planner;
        this.store = store;
        this.events = events;
        this.hub = hub;
        this.locks = locks;
        this.audit = audit;
    }

    /** Deploys onto the environment {@code environment} (404 when there is none, before anything else). */
    Accepted deploy(DeployRequest request, String environment, Principal who, String client) {
        EngineSteps on = steps.get(environment);
        if (request.appId() == null || request.appId().isBlank()) {
            throw Refused.invalidField("appId", "is required");
        }
        AppTemplate app = catalog.named(request.appId());
        Mode mode = Mode.parse(request.mode() == null ? null : request.mode().type());
        boolean pullAlways = pullAlways(request.pull());
        boolean redeploy = Boolean.TRUE.equals(request.redeploy());
        Map<String, Object> config = request.config() == null ? Map.of() : request.config();
        return start(new Start(on, app, mode, config, redeploy, pullAlways, Map.of(), null, (deployment, outcome) -> { }),
                who, client);
    }

    /**
     * An update: a redeploy of the app as it was last deployed (its mode and settings), with some services' images
     * pinned to new digests and {@code gate} to pass before the previous containers go; a failure puts them back.
     * It runs on the environment of the app's last successful deployment.
     */
    Accepted update(String appId, Map<String, ImageRef> pins, UpdateGate gate, Principal who, String client,
                    BiConsumer<String, Executor.Outcome> onEnd) {
        AppTemplate app = catalog.named(appId);
        Deployment last = store.lastSucceeded(null, app.id(), Deployment.CONTAINERS)
                .orElseThrow(() -> Refused.conflict("Not deployed", app.id() + " has no successful deployment to update"));
        EngineSteps on = steps.get(last.environment());
        return start(new Start(on, app, Mode.parse(last.mode()), Map.of(), true, false, pins, gate, onEnd), who, client);
    }

    /** What {@link #start} runs: a deploy, or an update (pinned images, a gate, and who hears of the end). */
    private record Start(EngineSteps on, AppTemplate app, Mode mode, Map<String, Object> config, boolean redeploy, boolean pullAlways,
                         Map<String, ImageRef> pins, UpdateGate gate, BiConsumer<String, Executor.Outcome> onEnd) {
    }

    private Accepted start(Start start, Principal who, String client) {
        AppTemplate app = start.app();
        boolean redeploy = start.redeploy();
        String id = DeploymentId.next(ids).value();
        // Locked before a redeploy reads the running containers: an undeploy removing them at the same moment made
        // that read fail half-way, and the redeploy answered 503 "Docker Engine unavailable" (7 of 618 races).
        if (!locks.acquire(app.id(), id)) {
            throw Refused.conflict("Deployment in progress", app.id() + " is being deployed or removed right now");
        }
        try {
            EngineSteps on = start.on();
            ResolvedSettings settings = resolver.resolve(app, redeploy ? on.previous().merge(app, start.config()) : start.config());
            ComposeFile file = renderer.compose(app, settings.values());
            Assessment risks = policy.authorize(who, Workloads.of(file), (start.gate() != null ? "update " : "deploy ")
                    + app.id() + " with these settings", on.host());
            Plan plan = planner.plan(app, file, start.mode(), id, settings.values()).withImages(start.pins());
            FolderRoots folders = FolderRoots.of(settings.values().get("APPFOLDER"), policy.settings().allowedBindRoots());
            on.preflight().check(plan, redeploy, folders);
            store.create(id, app.id(), app.info().name(), start.mode(), settings.masked(), redeploy, who.username(),
                    on.environment());
            hub.open(id);
            Progress progress = new Progress(id, events, store, settings.secretValues(), ends);
            progress.status(DeploymentStatus.QUEUED, null);
            Cancellation cancellation = new Cancellation();
            Job job = new Job(plan, settings, folders, progress, cancellation, redeploy, start.pullAlways(), start.gate());
            Thread thread = Thread.ofVirtual().name("deploy-" + id)
                    .unstarted(() -> run(on.executor(), job, who.username(), client, risks, start.onEnd()));
            running.put(id, new Running(app.id(), cancellation, thread));
            thread.start();
            return new Accepted(id, app.id(), DeploymentStatus.QUEUED.wireName(), risks.reasons());
        } catch (RuntimeException e) {
            running.remove(id);
            locks.release(app.id(), id);
            throw e;
        }
    }

    private void run(Executor executor, Job job, String actor, String client, Assessment risks,
                     BiConsumer<String, Executor.Outcome> onEnd) {
        String id = job.plan().deploymentId();
        String appId = job.plan().appId();
        try {
            Executor.Outcome outcome = executor.run(job);
            if (outcome.status() != null) {
                boolean ok = outcome.status() == DeploymentStatus.SUCCEEDED;
                audit.record(actor, client, job.gate() != null ? "app.update" : "deploy", appId,
                        ok ? AuditLog.SUCCESS : AuditLog.FAILURE,
                        "deployment " + id + " " + outcome.status().wireName() + (ok ? "" : ": " + outcome.reason())
                                + (risks.adminOnly() ? "; risks: " + String.join("; ", risks.reasons()) : ""));
                onEnd.accept(id, outcome);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Deployment " + id + " could not record its end", e);
        } finally {
            running.remove(id);
            locks.release(appId, id);
            hub.end(id);
        }
    }

    /** Asks a running deployment (of any kind) to stop and roll back; false when it is not running (any more). */
    boolean cancel(String deploymentId, String who) {
        Running r = running.get(deploymentId);
        if (r == null) {
            return others.cancel(deploymentId, who);
        }
        r.cancellation().cancel("Cancelled by " + who);
        return true;
    }

    private static boolean pullAlways(String pull) {
        return switch (pull == null ? "missing" : pull) {
            case "missing" -> false;
            case "always" -> true;
            default -> throw Refused.invalidField("pull", "must be missing or always");
        };
    }

    /** Stops every running deployment where it stands; the next start marks them interrupted and cleans up. */
    @Override
    public void close() {
        running.values().forEach(r -> r.cancellation().shutdown());
        for (Running r : running.values()) {
            try {
                r.thread().join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        hub.endAll();
    }
}
