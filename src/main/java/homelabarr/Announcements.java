package homelabarr;

import homelabarr.containers.RestartWatch;
import homelabarr.deploy.events.Deployment;
import homelabarr.deploy.events.DeploymentEnds;
import homelabarr.deploy.events.DeploymentStatus;
import homelabarr.metrics.Metrics;
import homelabarr.notifications.Notification;
import homelabarr.notifications.NotificationKind;
import homelabarr.notifications.Notifier;

import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns what the features report into notifications and metrics, so neither deploy nor containers knows about
 * notifications. The update feature will publish its own {@link Notification}s to the same {@link Notifier}.
 */
final class Announcements {
    /** The one engine this server manages; the multi-host work names others. */
    static final String ENVIRONMENT = "local";
    /** Ends that mean the app is not running as asked; a cancellation is the user's own doing. */
    private static final Set<DeploymentStatus> FAILED = Set.of(DeploymentStatus.FAILED, DeploymentStatus.ROLLED_BACK,
            DeploymentStatus.INTERRUPTED);

    private final Notifier notifier;
    private final Metrics metrics;
    private final Clock clock;

    Announcements(Notifier notifier, Metrics metrics, Clock clock) {
        this.notifier = notifier;
        this.metrics = metrics;
        this.clock = clock;
    }

    DeploymentEnds deploymentEnds() {
        return this::deploymentEnded;
    }

    Consumer<RestartWatch.RestartLoop> restartLoops() {
        return this::restartLoop;
    }

    private void deploymentEnded(Deployment d) {
        metrics.deploymentEnded(d.status());
        if (!FAILED.contains(DeploymentStatus.parse(d.status()))) {
            return;
        }
        notifier.publish(new Notification(NotificationKind.DEPLOYMENT_FAILED, d.appId(), ENVIRONMENT,
                "Deployment of " + d.appName() + " " + d.status(),
                "The deployment " + d.id() + " of " + d.appId() + " ended " + d.status()
                        + (d.reason() == null ? "." : ": " + d.reason()), clock.instant()));
    }

    private void restartLoop(RestartWatch.RestartLoop loop) {
        String name = loop.name() == null ? loop.containerId().substring(0, Math.min(12, loop.containerId().length()))
                : loop.name();
        notifier.publish(new Notification(NotificationKind.CONTAINER_RESTARTING, loop.app(), ENVIRONMENT,
                "Container " + name + " keeps restarting",
                "The container " + name + " stopped " + loop.deaths() + " times within the last "
                        + loop.window().toMinutes() + " minutes. Its logs say why.", clock.instant()));
    }
}
