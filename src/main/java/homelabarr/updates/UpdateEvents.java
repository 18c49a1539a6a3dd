package homelabarr.updates;

import java.util.List;

/**
 * Where the updates feature reports what happens, for notifications and metrics to pick up: an update found (once
 * per new registry digest or newer tag list, never for a pinned app), applied, failed, or rolled back. Called on the
 * checking or updating thread; an implementation must not block for long and must not throw.
 * {@link #NONE} is wired until a notifier is connected in {@code App}.
 */
public interface UpdateEvents {
    UpdateEvents NONE = event -> { };

    void publish(Event event);

    /**
     * What happened. Every event names the app and the environment it runs in; {@code deploymentId} links to the
     * update's progress stream.
     */
    sealed interface Event permits Available, Applied, Failed, RolledBack {
        String appId();

        String environment();
    }

    /** {@code services}: the services with a newer image for their tag, or newer version tags. */
    record Available(String appId, String environment, List<ServiceUpdate> services) implements Event {
    }

    /** One service's finding: its image, the digest it runs, the digest of its tag now, newer version tags. */
    record ServiceUpdate(String service, String image, String currentDigest, String remoteDigest, List<String> newerTags) {
    }

    record Applied(String appId, String environment, String deploymentId, String by) implements Event {
    }

    /** The update failed before anything was changed (for example the new image could not be pulled). */
    record Failed(String appId, String environment, String deploymentId, String reason, String by) implements Event {
    }

    /** The new version did not pass; the previous containers (and digest) were put back. */
    record RolledBack(String appId, String environment, String deploymentId, String reason, String by) implements Event {
    }
}
