package homelabarr.docker;

import java.util.List;
import java.util.Map;

/**
 * One container as the engine describes it on inspection: its state for deployment checks, and its labels,
 * environment and mounts for the features that read settings back. Environment values are secrets: never returned
 * by an API answer.
 */
public record ContainerDetails(String id, String name, String image, State state, int restartCount,
                               Map<String, String> labels, Map<String, String> environment, List<Mount> mounts,
                               boolean tty) {
    public ContainerDetails {
        labels = Map.copyOf(labels);
        environment = Map.copyOf(environment);
        mounts = List.copyOf(mounts);
    }

    /** {@code status}: created, running, restarting, exited...; {@code health}: null without a healthcheck. */
    public record State(String status, boolean running, boolean restarting, Long exitCode, boolean oomKilled,
                        String health, String lastHealthOutput) {
    }

    /** A mount: {@code name} for volumes (null for binds), {@code source} on the host, {@code destination} inside. */
    public record Mount(String name, String source, String destination) {
    }
}
