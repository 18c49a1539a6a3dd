package homelabarr.docker;

import homelabarr.docker.SwarmEngine.PublishedPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A swarm service to create or update, in our terms. {@code labels} go on the service, {@code containerLabels}
 * on each task's container; {@code mounts} are volume mounts (a bind is only given when the service is pinned).
 */
public record ServiceDefinition(String name, String image, List<String> entrypoint, List<String> command,
                                Map<String, String> environment, Map<String, String> labels,
                                Map<String, String> containerLabels, List<Mount> mounts, List<PublishedPort> ports,
                                List<String> networks, Map<String, List<String>> aliases, int replicas,
                                List<String> constraints, Update update, Restart restart, Health health, String user,
                                String workingDir, String hostname, Boolean init, Duration stopGracePeriod,
                                String stopSignal, boolean readOnly, boolean tty) {

    /** type: bind, volume or tmpfs. */
    public record Mount(String type, String source, String target, boolean readOnly) {
    }

    /** failureAction: rollback, pause or continue; order: stop-first or start-first. */
    public record Update(int parallelism, Duration delay, String failureAction, Duration monitor, double maxFailureRatio,
                         String order) {
    }

    /** condition: none, on-failure or any; maxAttempts 0 is unlimited. */
    public record Restart(String condition, Duration delay, int maxAttempts, Duration window) {
    }

    public record Health(List<String> test, Duration interval, Duration timeout, Duration startPeriod, Integer retries) {
    }
}
