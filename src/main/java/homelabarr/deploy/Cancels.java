package homelabarr.deploy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Deployments run outside the {@link Deployer} (swarm stacks) that {@code DELETE /deployments/{id}} stops as well:
 * one cancel route for every kind of deployment, so clients and the dashboard need not know which kind it is.
 */
public final class Cancels {
    private final Map<String, Consumer<String>> running = new ConcurrentHashMap<>();

    /** {@code cancel} is told why ("Cancelled by NAME") and must return at once; the run stops on its own thread. */
    public void register(String deploymentId, Consumer<String> cancel) {
        running.put(deploymentId, cancel);
    }

    public void unregister(String deploymentId) {
        running.remove(deploymentId);
    }

    /** False when no such deployment is running (any more). */
    boolean cancel(String deploymentId, String who) {
        Consumer<String> cancel = running.get(deploymentId);
        if (cancel == null) {
            return false;
        }
        cancel.accept("Cancelled by " + who);
        return true;
    }
}
