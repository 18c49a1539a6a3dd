package homelabarr.testing;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops the test run's swarm ({@link SwarmNodes#shared()}) once every test class is done: forming it takes
 * minutes, so the swarm test classes share one instead of each starting and stopping its own.
 */
public final class SwarmSession implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        SwarmNodes.stopShared();
    }
}
