package homelabarr.deploy.events;

import homelabarr.deploy.events.DeploymentEvent.Complete;
import homelabarr.deploy.events.DeploymentEvent.Failed;
import homelabarr.deploy.events.DeploymentEvent.LogLine;
import homelabarr.deploy.events.DeploymentEvent.StatusChanged;
import homelabarr.deploy.events.DeploymentEvent.Step;
import homelabarr.deploy.plan.ResolvedSettings;

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
public final class Progress {
    private static final System.Logger LOG = System.getLogger(Progress.class.getName());
    private static final int MAX_LOG_LINES = 300;
    private static final int MAX_LINE = 1000;
    private static final int LAST_LINES = 3;
    private static final int LAST_LINE = 200;
    private final String deploymentId;
    private final EventLog log;
    private final DeploymentStore store;
    private final List<String> secrets;
    private final DeploymentEnds ends;
    private final AtomicInteger logLines = new AtomicInteger();
    private final Map<String, Deque<String>> lastLines = new ConcurrentHashMap<>();

    public Progress(String deploymentId, EventLog log, DeploymentStore store, List<String> secrets,
                    DeploymentEnds ends) {
        this.deploymentId = deploymentId;
        this.log = log;
        this.store = store;
        this.secrets = secrets;
        this.ends = ends;
    }

    String deploymentId() {
        return deploymentId;
    }

    /**
     * The end of a deployment, told once, by whoever ends it (the executor, or recovery after a restart): its
     * final status on the record, the status event, then the closing event every stream ends with.
     */
    public void succeeded(Integer webPort, String url, List<String> containers) {
        status(DeploymentStatus.SUCCEEDED, null);
        log.append(deploymentId, new Complete(DeploymentStatus.SUCCEEDED.wireName(), webPort, url, containers));
        tellEnd();
    }

    /** @see #succeeded */
    public void ended(DeploymentStatus end, String reason) {
        status(end, reason);
        log.append(deploymentId, new Failed(end.wireName(), reason));
        tellEnd();
    }

    /** After the closing event is stored: listeners (notifications, metrics) must not hold up the stream's end. */
    private void tellEnd() {
        try {
            store.find(deploymentId).ifPresent(ends::ended);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A listener of deployment ends failed: " + e.getMessage());
        }
    }

    /** A step on the way (pulling, creating...): the record and the event; see {@link #ended} for the end. */
    public void status(DeploymentStatus status, String reason) {
        store.status(deploymentId, status, reason);
        log.append(deploymentId, new StatusChanged(status.wireName(), reason));
    }

    public void step(String step, String service, String message) {
        log.append(deploymentId, new Step(step, service, message));
    }

    public void event(DeploymentEvent event) {
        log.append(deploymentId, event);
    }

    /** The last lines {@code service} wrote (masked), oldest first: a failed container's last words. */
    public List<String> lastOutput(String service) {
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

    public void log(String service, String stream, String line) {
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
