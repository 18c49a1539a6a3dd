package homelabarr;

import homelabarr.containers.RestartWatch;
import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentEnds;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.metrics.Metrics;
import homelabarr.notifications.Notification;
import homelabarr.notifications.NotificationKind;
import homelabarr.notifications.Notifier;
import homelabarr.updates.UpdateEvents;
import homelabarr.updates.UpdateRuns;

import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns what the features report into notifications and metrics, so neither deploy nor containers knows about
 * notifications, and the update feature's events become notifications here too. One event, one notification: an
 * update's deployment that fails is announced as the update's failure or rollback, not as a failed deployment too.
 */
final class Announcements {
    /** The restart watch follows the local engine only. */
    static final String LOCAL = "local";
    /** Ends that mean the app is not running as asked; a cancellation is the user's own doing. */
    private static final Set<DeploymentStatus> FAILED = Set.of(DeploymentStatus.FAILED, DeploymentStatus.ROLLED_BACK,
            DeploymentStatus.INTERRUPTED);

    private final Notifier notifier;
    private final Metrics metrics;
    private final UpdateRuns updates;
    private final Clock clock;

    Announcements(Notifier notifier, Metrics metrics, UpdateRuns updates, Clock clock) {
        this.notifier = notifier;
        this.metrics = metrics;
        this.updates = updates;
        this.clock = clock;
    }

    DeploymentEnds deploymentEnds() {
        return this::deploymentEnded;
    }

    Consumer<RestartWatch.RestartLoop> restartLoops() {
        return this::restartLoop;
    }

    UpdateEvents updates() {
        return this::updateEvent;
    }

    private void updateEvent(UpdateEvents.Event event) {
        Notification n = switch (event) {
            case UpdateEvents.Available a -> new Notification(NotificationKind.UPDATE_AVAILABLE, a.appId(), a.environment(),
                    "Update available for " + a.appId(),
                    a.services().stream().map(s -> s.service() + " (" + s.image() + ")"
                            + (s.newerTags().isEmpty() ? ": a new image for its tag" : ": newer tags " + s.newerTags()))
                            .reduce((x, y) -> x + "; " + y).orElse("a newer image"), clock.instant());
            case UpdateEvents.Applied a -> new Notification(NotificationKind.UPDATE_APPLIED, a.appId(), a.environment(),
                    "Updated " + a.appId(), "Deployment " + a.deploymentId() + " by " + a.by() + " passed its health gate.",
                    clock.instant());
            case UpdateEvents.Failed f -> new Notification(NotificationKind.UPDATE_FAILED, f.appId(), f.environment(),
                    "Update of " + f.appId() + " failed", f.reason() + " (deployment " + f.deploymentId() + ")",
                    clock.instant());
            case UpdateEvents.RolledBack r -> new Notification(NotificationKind.UPDATE_ROLLED_BACK, r.appId(), r.environment(),
                    "Update of " + r.appId() + " rolled back", r.reason() + "; the previous version runs again (deployment "
                    + r.deploymentId() + ")", clock.instant());
        };
        notifier.publish(n);
    }

    private void deploymentEnded(Deployment d) {
        metrics.deploymentEnded(d.status());
        DeploymentStatus status = DeploymentStatus.parse(d.status());
        if (!FAILED.contains(status)) {
            return;
        }
        // the updater announces these ends of an update itself; an interrupted one it never hears of
        if (status != DeploymentStatus.INTERRUPTED && updates.isUpdate(d.appId(), d.id())) {
            return;
        }
        notifier.publish(new Notification(NotificationKind.DEPLOYMENT_FAILED, d.appId(), d.environment(),
                "Deployment of " + d.appName() + " " + d.status(),
                "The deployment " + d.id() + " of " + d.appId() + " ended " + d.status()
                        + (d.reason() == null ? "." : ": " + d.reason()), clock.instant()));
    }

    private void restartLoop(RestartWatch.RestartLoop loop) {
        String name = loop.name() == null ? loop.containerId().substring(0, Math.min(12, loop.containerId().length()))
                : loop.name();
        notifier.publish(new Notification(NotificationKind.CONTAINER_RESTARTING, loop.app(), LOCAL,
                "Container " + name + " keeps restarting",
                "The container " + name + " stopped " + loop.deaths() + " times within the last "
                        + loop.window().toMinutes() + " minutes. Its logs say why.", clock.instant()));
    }
}
