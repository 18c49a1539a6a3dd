package homelabarr.updates;

import homelabarr.catalog.ImageRef;
import homelabarr.deploy.Deploy;
import homelabarr.errors.Refused;
import homelabarr.http.Principal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Applies an app's available updates: each service whose tag has a new digest is redeployed pinned to that digest
 * ({@code name:tag@sha256:…}), so what runs is exactly what was checked. The deploy pipeline keeps the previous
 * containers aside until the new ones pass the health gate and puts them back otherwise; what ran before is
 * recorded here first. Old images are never removed by an update.
 */
final class Updater {
    private static final System.Logger LOG = System.getLogger(Updater.class.getName());
    private final Deploy deploy;
    private final UpdateChecker checker;
    private final UpdateStore store;
    private final UpdateEvents events;
    private final UpdateRuns runs;
    /** DATA_DIR/snapshots, where config snapshots are kept while an update runs; null: none are taken. */
    private final Path snapshots;

    Updater(Deploy deploy, UpdateChecker checker, UpdateStore store, UpdateEvents events, UpdateRuns runs, Path snapshots) {
        this.snapshots = snapshots;
        this.runs = runs;
        this.deploy = deploy;
        this.checker = checker;
        this.store = store;
        this.events = events;
    }

    /** Starts the update of {@code appId} after a fresh check; 404 unknown, 409 pinned, up to date or busy. */
    Deploy.UpdateStarted update(String appId, Principal who, String client) {
        if (UpdatePolicy.PINNED.equals(store.policy(appId).policy())) {
            throw Refused.conflict("Pinned", appId + " is pinned: set its update policy to notify or auto first");
        }
        List<ContainerCheck> checks = checker.check(appId).apps().getOrDefault(appId, List.of());
        if (checks.isEmpty()) {
            throw Refused.notFound("Not deployed", "No running app with id " + appId);
        }
        Map<String, ImageRef> pins = new LinkedHashMap<>();
        Map<String, Object> previous = new LinkedHashMap<>();
        Map<String, String> target = new LinkedHashMap<>();
        for (ContainerCheck c : checks) {
            previous.put(c.service(), Map.of("container", c.container(), "image", c.image(),
                    "digest", c.currentDigest() == null ? "" : c.currentDigest()));
            if (c.updateAvailable()) {
                ImageRef tagged = parse(c.image());
                ImageRef pinned = new ImageRef(tagged.registry(), tagged.repository(), tagged.tag(), c.remoteDigest());
                pins.put(c.service(), pinned);
                target.put(c.service(), pinned.canonical());
            }
        }
        if (pins.isEmpty()) {
            String errors = checks.stream().filter(c -> c.error() != null && ContainerCheck.ERROR.equals(c.status()))
                    .map(c -> c.service() + ": " + c.error()).reduce((a, b) -> a + "; " + b).orElse(null);
            throw Refused.conflict("No update available", errors == null ? appId + " runs the newest image of every tag"
                    : "The registry could not be asked: " + errors);
        }
        String environment = checks.get(0).environment();
        Path archive = snapshots == null ? null : snapshots.resolve(appId + "-" + System.nanoTime() + ".zip");
        CountDownLatch recorded = runs.starting(appId);
        try {
            Deploy.UpdateStarted started = deploy.update(appId, pins, archive, who, client, ended -> {
                UpdateRuns.await(recorded);
                finished(appId, environment, ended, who.username());
            });
            store.runStarted(started.deploymentId(), appId, previous, target, who.username());
            return started;
        } finally {
            runs.recorded(recorded);
        }
    }

    private void finished(String appId, String environment, Deploy.UpdateEnded ended, String by) {
        // re-checked before the run is marked ended, so whoever sees the end also sees what now runs
        try {
            checker.check(appId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Re-checking " + appId + " after its update failed", e);
        }
        store.runEnded(ended.deploymentId(), ended.status(), ended.reason());
        String id = ended.deploymentId();
        UpdateEvents.Event event = ended.succeeded() ? new UpdateEvents.Applied(appId, environment, id, by)
                : "rolled-back".equals(ended.status()) ? new UpdateEvents.RolledBack(appId, environment, id, ended.reason(), by)
                : new UpdateEvents.Failed(appId, environment, id, ended.reason(), by);
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Update event for " + appId + " could not be published", e);
        }
    }

    private static ImageRef parse(String image) {
        try {
            return ImageRef.parse(image);
        } catch (homelabarr.catalog.TemplateException e) {
            throw new IllegalStateException("A checked image is not a reference: " + image, e);
        }
    }
}
