package homelabarr.deploy;

import homelabarr.deploy.DeploymentEvent.LogLine;
import homelabarr.deploy.DeploymentEvent.StatusChanged;
import homelabarr.deploy.DeploymentEvent.Step;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How one deployment reports: status changes go to the record and the event log, everything else to the log.
 * Container output is capped and has this deployment's secrets masked, because the progress stream is public.
 */
final class Progress {
    private static final int MAX_LOG_LINES = 300;
    private static final int MAX_LINE = 1000;
    private final String deploymentId;
    private final EventLog log;
    private final DeploymentStore store;
    private final List<String> secrets;
    private final AtomicInteger logLines = new AtomicInteger();

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

    void log(String service, String stream, String line) {
        int n = logLines.incrementAndGet();
        if (n > MAX_LOG_LINES) {
            if (n == MAX_LOG_LINES + 1) {
                step("log", service, "More output is in the container logs");
            }
            return;
        }
        String clean = line.replaceAll("\\p{Cntrl}", " ").stripTrailing();
        for (String secret : secrets) {
            clean = clean.replace(secret, ResolvedSettings.MASK);
        }
        if (clean.length() > MAX_LINE) {
            clean = clean.substring(0, MAX_LINE) + "…";
        }
        log.append(deploymentId, new LogLine(service, stream, clean));
    }
}
