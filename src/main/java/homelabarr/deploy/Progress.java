package homelabarr.deploy;

import homelabarr.deploy.DeploymentEvent.LogLine;
import homelabarr.deploy.DeploymentEvent.StatusChanged;
import homelabarr.deploy.DeploymentEvent.Step;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How one deployment reports: status changes go to the record and the event log, everything else to the log.
 * Container output is capped and has this deployment's secrets masked, because the progress stream is public.
 */
final class Progress {
    private static final int MAX_LOG_LINES = 300;
    private static final int MAX_LINE = 1000;
    private static final int LAST_LINES = 3;
    private static final int LAST_LINE = 200;
    private final String deploymentId;
    private final EventLog log;
    private final DeploymentStore store;
    private final List<String> secrets;
    private final AtomicInteger logLines = new AtomicInteger();
    private final Map<String, Deque<String>> lastLines = new ConcurrentHashMap<>();

    Progress(String deploymentId, EventLog log, DeploymentStore store, List<String> secrets) {
        this.deploymentId = deploymentId;
        this.log = log;
        this.store = store;
        this.secrets = secrets;
    }

    String deploymentId() {
        return deploymentId;
    }

    void status(DeploymentStatus status, String reason) {
        store.status(deploymentId, status, reason);
        log.append(deploymentId, new StatusChanged(status.wireName(), reason));
    }

    void step(String step, String service, String message) {
        log.append(deploymentId, new Step(step, service, message));
    }

    void event(DeploymentEvent event) {
        log.append(deploymentId, event);
    }

    /** The last lines {@code service} wrote (masked), oldest first: a failed container's last words. */
    List<String> lastOutput(String service) {
        Deque<String> lines = lastLines.get(service);
        if (lines == null) {
            return List.of();
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private void remember(String service, String line) {
        if (service == null || line.isBlank()) {
            return;
        }
        Deque<String> lines = lastLines.computeIfAbsent(service, s -> new ArrayDeque<>());
        synchronized (lines) {
            lines.addLast(line.length() > LAST_LINE ? line.substring(0, LAST_LINE) + "…" : line);
            while (lines.size() > LAST_LINES) {
                lines.removeFirst();
            }
        }
    }

    void log(String service, String stream, String line) {
        int n = logLines.incrementAndGet();
        if (n == MAX_LOG_LINES + 1) {
            step("log", service, "More output is in the container logs");
        }
        String clean = line.replaceAll("\\p{Cntrl}", " ").stripTrailing();
        for (String secret : secrets) {
            clean = clean.replace(secret, ResolvedSettings.MASK);
        }
        if (clean.length() > MAX_LINE) {
            clean = clean.substring(0, MAX_LINE) + "…";
        }
        remember(service, clean);
        if (n > MAX_LOG_LINES) {
            return;
        }
        log.append(deploymentId, new LogLine(service, stream, clean));
    }
}
