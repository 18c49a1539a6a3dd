package homelabarr.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At the end of a run, says which tests were skipped and why (registered in META-INF/services), so that a run
 * without a Docker Engine says plainly what it did not test. Silent when nothing was skipped.
 */
public final class SkipSummary implements TestExecutionListener {
    private final Map<String, String> skipped = new ConcurrentHashMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        skipped.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        skipped.put(name(test), reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // only skips are summed up; failures are reported by the runner
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (skipped.isEmpty()) {
            return;
        }
        Map<String, StringBuilder> byReason = new TreeMap<>();
        new TreeMap<>(skipped).forEach((test, reason) ->
                byReason.computeIfAbsent(reason, r -> new StringBuilder()).append("\n    ").append(test));
        StringBuilder text = new StringBuilder("\n[homelabarr] SKIPPED " + skipped.size()
                + (skipped.size() == 1 ? " test container or test:" : " test containers or tests:"));
        byReason.forEach((reason, tests) -> text.append("\n  ").append(reason).append(':').append(tests));
        text.append('\n');
        System.out.println(text);
        System.out.flush();
    }

    private String name(TestIdentifier test) {
        String display = test.getDisplayName();
        return plan == null ? display : plan.getParent(test).map(p -> p.getDisplayName() + "." + display)
                .filter(n -> !n.startsWith("JUnit Jupiter.")).orElse(display);
    }
}
