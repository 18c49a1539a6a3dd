package homelabarr.deploy.events;

import java.util.List;

/**
 * What a deployment reports while it runs. {@link #type()} is the SSE event name; the record's fields are its
 * JSON data (plus {@code seq}, {@code type} and {@code at}, added when it is stored).
 */
public sealed interface DeploymentEvent {
    String type();

    /** The deployment entered {@code status}; {@code reason} explains the end states other than succeeded. */
    record StatusChanged(String status, String reason) implements DeploymentEvent {
        public String type() {
            return "status";
        }
    }

    /** One unit of work: {@code step} is pull, network, volume, folder, create, start, wait, running, rollback... */
    record Step(String step, String service, String message) implements DeploymentEvent {
        public String type() {
            return "step";
        }
    }

    /** Pull progress of one layer: bytes so far and in all, the image's percent and the percent over all images. */
    record PullProgress(String image, String layer, String layerStatus, Long current, Long total, int imagePercent,
                        int percent) implements DeploymentEvent {
        public String type() {
            return "pull";
        }
    }

    /** A line a container wrote while it started (secrets of this deployment are masked). */
    record LogLine(String service, String stream, String line) implements DeploymentEvent {
        public String type() {
            return "log";
        }
    }

    /**
     * A swarm task of {@code service} changed: {@code state} as Swarm names it (pending … running, failed, shutdown),
     * on {@code node} (a hostname, or the node id when it has none), with Swarm's message or error.
     */
    record TaskChanged(String service, String task, Integer slot, String node, String state, String desiredState,
                       String message) implements DeploymentEvent {
        public String type() {
            return "task";
        }
    }

    /** The last event of a deployment that succeeded. */
    record Complete(String status, Integer webPort, String url, List<String> containers) implements DeploymentEvent {
        public String type() {
            return "complete";
        }
    }

    /** The last event of a deployment that did not succeed; {@code status} is its end state. */
    record Failed(String status, String reason) implements DeploymentEvent {
        public String type() {
            return "error";
        }
    }
}
