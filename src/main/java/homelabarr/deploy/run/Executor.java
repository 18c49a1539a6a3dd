package homelabarr.deploy.run;

import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.deploy.events.DeploymentStore.Replaced;
import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.deploy.run.Verifier.Started;

import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.docker.RegistryAuth;
import homelabarr.catalog.ImageRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan through the Engine API: pull, (redeploy: set the old containers aside), create networks, volumes,
 * folders and containers in dependency order, start them honouring depends_on conditions, verify. Any failure
 * rolls back exactly what this deployment made; a stop for shutdown leaves things for the restart recovery.
 */
public final class Executor {
    private static final System.Logger LOG = System.getLogger(Executor.class.getName());
    private final Engine engine;
    private final ImagePuller puller;
    private final Resources resources;
    private final BindFolders folders;
    private final ContainerRunner runner;
    private final Verifier verifier;
    private final Rollback rollback;
    private final Replacement replacement;

    /** How a deployment ended; null status means it was stopped for shutdown and nothing was recorded. */
    public record Outcome(DeploymentStatus status, String reason) {
    }

    public Executor(Engine engine, RegistryAuth.Lookup logins, BindFolders folders, Verifier verifier,
                    ContainerRunner runner, Rollback rollback, Replacement replacement) {
        this.engine = engine;
        this.puller = new ImagePuller(engine, logins);
        this.resources = new Resources(engine);
        this.folders = folders;
        this.runner = runner;
        this.verifier = verifier;
        this.rollback = rollback;
        this.replacement = replacement;
    }

    public Outcome run(Job job) {
        Progress progress = job.progress();
        Plan plan = job.plan();
        List<Replaced> replaced = List.of();
        boolean touched = false;
        try (LogFollower logs = new LogFollower(engine, progress)) {
            try {
                pull(job);
                if (job.redeploy()) {
                    touched = true;
                    replaced = replacement.setAside(plan.appId(), plan.deploymentId(), progress);
                    if (job.gate() != null) {
                        job.gate().snapshot(replaced, job.settings().values().get("APPFOLDER"), progress);
                    }
                }
                job.cancellation().check();
                progress.status(DeploymentStatus.CREATING, null);
                touched = true;
                Map<String, String> ids = create(job);
                progress.status(DeploymentStatus.STARTING, null);
                List<Started> started = start(job, ids, logs);
                progress.status(DeploymentStatus.VERIFYING, null);
                verifier.verify(started, progress, job.cancellation());
                if (job.gate() != null) {
                    job.gate().check(plan, progress, job.cancellation());
                }
                logs.close();
                if (job.gate() != null) {
                    job.gate().discardSnapshot();
                }
                List<String> left = replacement.removeOld(replaced);
                if (!left.isEmpty()) {
                    progress.step("replace", null, "Could not remove the previous containers " + left);
                }
                progress.succeeded(plan.webPort(), plan.url(),
                        plan.containers().stream().map(ContainerSpec::name).toList());
                return new Outcome(DeploymentStatus.SUCCEEDED, null);
            } catch (DeployFailure f) {
                if (f.kind() == DeployFailure.Kind.SHUTDOWN) {
                    return new Outcome(null, f.getMessage());
                }
                logs.drain(300);
                logs.close();
                return fail(job, f.service() == null ? f : f.withOutput(progress.lastOutput(f.service())), touched, replaced);
            } catch (RuntimeException e) {
                // a stop closes streams under running calls, which may then throw anything: the stop is the reason
                DeployFailure stop = job.cancellation().reason();
                if (stop != null && stop.kind() == DeployFailure.Kind.SHUTDOWN) {
                    return new Outcome(null, stop.getMessage());
                }
                if (stop == null) {
                    LOG.log(System.Logger.Level.ERROR, "Deployment " + plan.deploymentId() + " failed unexpectedly", e);
                }
                logs.close();
                return fail(job, stop != null ? stop : (e instanceof EngineException engineFailure
                        ? DeployFailure.engine("The Docker Engine failed", engineFailure)
                        : new DeployFailure("Unexpected error: " + e.getClass().getSimpleName())),
                        true, replaced);
            }
        }
    }

    private void pull(Job job) throws DeployFailure {
        job.progress().status(DeploymentStatus.PULLING, null);
        List<ImageRef> images = job.plan().images();
        PullTracker tracker = new PullTracker(images.stream().map(ImageRef::canonical).toList(), job.progress(),
                System::nanoTime);
        for (ImageRef image : images) {
            job.cancellation().check();
            if (!job.pullAlways() && puller.present(image)) {
                tracker.done(image.canonical());
                job.progress().step("pull", null, image.canonical() + " is already present");
                continue;
            }
            job.progress().step("pull", null, "Pulling " + image.canonical());
            puller.pull(image, tracker, job.cancellation());
            job.progress().step("pull", null, "Pulled " + image.canonical() + " (" + tracker.percent() + " % of all images)");
        }
    }

    private Map<String, String> create(Job job) throws DeployFailure {
        Plan plan = job.plan();
        resources.networks(plan, job.progress());
        resources.volumes(plan, job.progress());
        for (Path folder : folders.prepare(plan, job.settings().values(), job.folders())) {
            job.progress().step("folder", null, "Created " + folder);
        }
        Map<String, String> ids = new HashMap<>();
        for (ContainerSpec spec : plan.containers()) {
            job.cancellation().check();
            ids.put(spec.service(), runner.create(spec, plan, job.folders(), ids));
            job.progress().step("create", spec.service(), "Created container " + spec.name());
        }
        return ids;
    }

    private List<Started> start(Job job, Map<String, String> ids, LogFollower logs) throws DeployFailure {
        List<Started> started = new ArrayList<>();
        for (ContainerSpec spec : job.plan().containers()) {
            for (Map.Entry<String, String> dep : spec.dependsOn().entrySet()) {
                if (!dep.getValue().equals("service_started")) {
                    job.progress().step("wait", spec.service(), "Waiting for " + dep.getKey() + " ("
                            + dep.getValue().replace("service_", "") + ")");
                }
                runner.await(dep.getKey(), ids.get(dep.getKey()), dep.getValue(), verifier.timeout(), job.cancellation());
            }
            job.cancellation().check();
            String id = ids.get(spec.service());
            runner.start(spec, id);
            logs.follow(spec.service(), id);
            started.add(new Started(spec, id, System.nanoTime()));
            job.progress().step("start", spec.service(), "Started " + spec.name());
        }
        return started;
    }

    private Outcome fail(Job job, DeployFailure failure, boolean touched, List<Replaced> replaced) {
        Progress progress = job.progress();
        String reason = failure.getMessage();
        DeploymentStatus end = failure.kind() == DeployFailure.Kind.CANCELLED ? DeploymentStatus.CANCELLED
                : touched ? DeploymentStatus.ROLLED_BACK : DeploymentStatus.FAILED;
        if (touched) {
            progress.step("rollback", null, "Rolling back: " + reason);
            Rollback.Result result = rollback.run(job.plan().deploymentId());
            List<String> problems = new ArrayList<>(result.leftovers());
            if (job.gate() != null) {
                problems.addAll(job.gate().restoreSnapshot(progress));
            }
            problems.addAll(replacement.restore(replaced));
            progress.step("rollback", null, "Removed " + result.containers().size() + " container(s) and "
                    + result.networks().size() + " network(s); volumes and data were kept"
                    + (replaced.isEmpty() ? "" : "; the previous version was restored"));
            if (!problems.isEmpty()) {
                end = DeploymentStatus.FAILED;
                reason = reason + " (rollback incomplete: " + String.join("; ", problems) + ")";
            }
        }
        progress.ended(end, reason);
        return new Outcome(end, reason);
    }
}
