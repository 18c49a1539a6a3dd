package homelabarr.swarm;

import homelabarr.docker.EngineException;
import homelabarr.docker.SwarmEngine;

import java.util.ArrayList;
import java.util.List;

/** Removal of a stack's overlay networks, which stay in use for a few seconds after their services are removed. */
final class StackCleanup {
    private static final int ATTEMPTS = 30;
    private static final long PAUSE_MS = 1000;

    /** What to say about a step of the cleanup (a deployment's progress, or nothing). */
    interface Report {
        void step(String step, String service, String message);
    }

    private StackCleanup() {
    }

    /** Removes each network, retrying while its tasks' containers shut down; returns the ones that stayed. */
    static List<String> removeNetworks(SwarmEngine engine, List<String> networks, Report report) {
        List<String> left = new ArrayList<>();
        for (String name : networks) {
            EngineException last = null;
            for (int i = 0; i < ATTEMPTS; i++) {
                try {
                    engine.removeNetwork(name);
                    last = null;
                    break;
                } catch (EngineException e) {
                    last = e;
                    if (!pause()) {
                        break;
                    }
                }
            }
            if (last == null) {
                report.step("network", null, "Removed network " + name);
            } else {
                left.add(name);
                report.step("network", null, "Network " + name + " could not be removed: " + last.maskedMessage());
            }
        }
        return left;
    }

    private static boolean pause() {
        try {
            Thread.sleep(PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
