package homelabarr.swarm;

import homelabarr.deploy.events.DeploymentEvent.TaskChanged;
import homelabarr.deploy.events.Progress;
import homelabarr.docker.SwarmEngine;
import homelabarr.docker.SwarmEngine.SwarmNode;
import homelabarr.docker.SwarmEngine.SwarmTask;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reports each task of a stack once per change (state, node or message) as a {@code task} event: Swarm has no
 * stream of task changes, so the rollout polls and this keeps what was already told.
 */
final class TaskWatch {
    private final SwarmEngine engine;
    private final Progress progress;
    private final Map<String, String> serviceNames;
    private final Map<String, String> told = new HashMap<>();
    private final Map<String, String> hostnames = new HashMap<>();

    /** {@code serviceNames}: service id → compose service name, for the events. */
    TaskWatch(SwarmEngine engine, Progress progress, Map<String, String> serviceNames) {
        this.engine = engine;
        this.progress = progress;
        this.serviceNames = serviceNames;
    }

    /** Reads the tasks, reports what changed since the last look and returns them all. */
    List<SwarmTask> look() {
        List<SwarmTask> tasks = engine.tasks(List.copyOf(serviceNames.keySet()));
        for (SwarmTask t : tasks) {
            String node = node(t.nodeId());
            String message = t.error() != null && !t.error().isBlank() ? t.error() : t.message();
            String seen = t.state() + "|" + node + "|" + t.desiredState() + "|" + message;
            if (!Objects.equals(told.put(t.id(), seen), seen)) {
                progress.event(new TaskChanged(serviceNames.get(t.serviceId()), t.id(), t.slot(), node, t.state(),
                        t.desiredState(), message));
            }
        }
        return tasks;
    }

    /** A node's hostname, looked up again only for a node not seen before. */
    String node(String nodeId) {
        if (nodeId == null || nodeId.isEmpty()) {
            return null;
        }
        if (!hostnames.containsKey(nodeId)) {
            for (SwarmNode n : engine.nodes()) {
                hostnames.put(n.id(), n.hostname() == null ? n.id() : n.hostname());
            }
        }
        return hostnames.getOrDefault(nodeId, nodeId);
    }
}
