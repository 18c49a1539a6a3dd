package homelabarr.swarm;

import homelabarr.audit.AuditLog;
import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.Catalog;
import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.db.Ids;
import homelabarr.deploy.Deploy;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.Progress;
import homelabarr.errors.Refused;
import homelabarr.deploy.plan.Mode;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Planner;
import homelabarr.deploy.plan.Renderer;
import homelabarr.deploy.plan.ResolvedSettings;
import homelabarr.deploy.plan.SettingsResolver;
import homelabarr.docker.SwarmEngine.StackService;
import homelabarr.environments.Environments;
import homelabarr.http.Principal;
import homelabarr.policy.Assessment;
import homelabarr.policy.DeployPolicy;
import homelabarr.policy.Workloads;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts stack deployments: on the request thread the same steps as a single-engine deploy up to the plan
 * (settings, render, the deploy policy, the planner), then the stack's specs, so every refusal is a 4xx before
 * anything is made; then {@link StackRollout} runs on a virtual thread, reporting through the shared deployment
 * record and event log, and cancelled through the same route as a container deployment. One deployment or removal
 * per stack and environment at a time.
 */
final class StackDeployer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StackDeployer.class.getName());
    private final Catalog catalog;
    private final SettingsResolver resolver;
    private final Renderer renderer;
    private final Planner planner;
    private final DeployPolicy policy;
    private final Deploy.Tracking tracking;
    private final AuditLog audit;
    private final PreviousStack previous;
    private final StackSpecs specs = new StackSpecs();
    private final Ids ids = new Ids();
    private final Map<String, Run> running = new ConcurrentHashMap<>();

    private record Run(Thread thread, StackStop stop) {
    }

    record Accepted(String deploymentId, String appId, String status, List<String> risks) {
    }

    StackDeployer(Catalog catalog, SettingsResolver resolver, Renderer renderer, Planner planner, DeployPolicy policy,
                  Deploy.Tracking tracking, AuditLog audit) {
        this.catalog = catalog;
        this.resolver = resolver;
        this.renderer = renderer;
        this.planner = planner;
        this.policy = policy;
        this.tracking = tracking;
        this.audit = audit;
        this.previous = new PreviousStack(tracking.store());
    }

    Accepted deploy(StackRequest request, SwarmTarget on, Principal who, String client) {
        if (request.appId() == null || request.appId().isBlank()) {
            throw Refused.invalidField("appId", "is required");
        }
        AppTemplate app = catalog.named(request.appId());
        String publishMode = request.publishMode() == null ? "host" : request.publishMode();
        if (!publishMode.equals("host") && !publishMode.equals("ingress")) {
            throw Refused.invalidField("publishMode", "must be host or ingress");
        }
        boolean redeploy = Boolean.TRUE.equals(request.redeploy());
        String id = ids.next();
        if (on.busy().putIfAbsent(app.id(), id) != null) {
            throw Refused.conflict("Deployment in progress", app.id() + " is being deployed or removed right now");
        }
        try {
            List<StackService> now = on.engine().services(StackSpecs.NAMESPACE, app.id());
            boolean exists = !now.isEmpty();
            Map<String, Object> config = request.config() == null ? Map.of() : request.config();
            ResolvedSettings settings = resolver.resolve(app, exists && redeploy
                    ? previous.merge(app, on.environment(), now, config) : config);
            ComposeFile file = renderer.compose(app, settings.values());
            Assessment risks = policy.authorize(who, Workloads.of(file), "deploy " + app.id() + " with these settings");
            Plan plan = planner.plan(app, file, new Mode.Standard(), id, settings.values());
            StackSpecs.Stack stack = specs.of(plan, publishMode);
            if (exists && !redeploy) {
                throw Refused.conflict("Already deployed", "The stack " + app.id() + " exists; send redeploy: true "
                        + "to update it (Swarm rolls the update back if it fails)");
            }
            tracking.store().createStack(id, app.id(), app.info().name(), settings.masked(), exists, who.username(),
                    on.environment());
            tracking.hub().open(id);
            Progress progress = new Progress(id, tracking.events(), tracking.store(), settings.secretValues(),
                    tracking.ends());
            progress.status(DeploymentStatus.QUEUED, null);
            progress.step("swarm", null, (exists ? "Updating" : "Deploying") + " stack " + app.id() + " on the swarm"
                    + (Environments.LOCAL.equals(on.environment()) ? "" : " of " + on.environment()));
            StackStop stop = new StackStop();
            Thread thread = Thread.ofVirtual().name("swarm-deploy-" + id)
                    .unstarted(() -> run(on, app.id(), id, stack, progress, stop, who.username(), client, risks));
            running.put(id, new Run(thread, stop));
            tracking.cancels().register(id, stop::cancel);
            thread.start();
            return new Accepted(id, app.id(), DeploymentStatus.QUEUED.wireName(), risks.reasons());
        } catch (RuntimeException e) {
            tracking.cancels().unregister(id);
            running.remove(id);
            on.busy().remove(app.id(), id);
            throw e;
        }
    }

    private void run(SwarmTarget on, String appId, String id, StackSpecs.Stack stack, Progress progress, StackStop stop,
                     String actor, String client, Assessment risks) {
        try {
            StackRollout.Outcome outcome = on.rollout().run(stack, id, progress, stop);
            if (outcome.status() == DeploymentStatus.SUCCEEDED) {
                progress.succeeded(null, null, outcome.services());
            } else {
                progress.ended(outcome.status(), outcome.reason());
            }
            boolean ok = outcome.status() == DeploymentStatus.SUCCEEDED;
            audit.record(actor, client, "swarm.deploy", SwarmService.where(appId, on.environment()),
                    ok ? AuditLog.SUCCESS : AuditLog.FAILURE,
                    "deployment " + id + " " + outcome.status().wireName() + (ok ? "" : ": " + outcome.reason())
                            + (risks.adminOnly() ? "; risks: " + String.join("; ", risks.reasons()) : ""));
        } catch (InterruptedException e) {
            // shutting down: the record stays unfinished and the next start marks it interrupted
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Swarm deployment " + id + " could not record its end", e);
        } finally {
            tracking.cancels().unregister(id);
            running.remove(id);
            on.busy().remove(appId, id);
            tracking.hub().end(id);
        }
    }

    /** Stops every rollout where it stands (between engine calls); one stuck in a call is interrupted after 10 s. */
    @Override
    public void close() {
        running.values().forEach(r -> r.stop().shutdown());
        for (Run r : running.values()) {
            try {
                if (!r.thread().join(Duration.ofSeconds(10))) {
                    r.thread().interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }
}
