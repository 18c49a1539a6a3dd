package homelabarr.deploy.run;

import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.Plan.ContainerSpec;

import homelabarr.docker.ContainerDetails;

import java.time.Duration;
import java.util.List;

/**
 * Checks that the started containers are up: running (one-off jobs: exited with code 0), healthy where they have
 * a healthcheck, otherwise running for at least {@code settle}; never restarted. Reports a {@code running} step
 * the first time every container runs (the moment the benchmark measures).
 */
public final class Verifier {
    private static final Duration POLL = Duration.ofMillis(100);
    private final ContainerRunner runner;
    private final Duration timeout;
    private final Duration settle;

    /** A container this deployment started, and when. */
    record Started(ContainerSpec spec, String id, long startedNanos) {
    }

    public Verifier(ContainerRunner runner, Duration timeout, Duration settle) {
        this.runner = runner;
        this.timeout = timeout;
        this.settle = settle;
    }

    Duration timeout() {
        return timeout;
    }

    void verify(List<Started> started, Progress progress, Cancellation cancellation) throws DeployFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean reportedRunning = false;
        while (true) {
            String waitingFor = null;
            for (Started c : started) {
                ContainerDetails info = runner.inspect(c.id());
                ContainerDetails.State state = info.state();
                String service = c.spec().service();
                boolean running = state.running() && !state.restarting();
                if (info.restartCount() > 0 || state.restarting()) {
                    // once the restart policy has started it again the engine reports exit code 0: ask its events
                    Long code = running ? runner.lastExitCode(c.id()) : state.exitCode();
                    throw DeployFailure.of(service, service + (code == null ? " exited" : " exited with code " + code)
                            + " and was restarted");
                }
                if (!running) {
                    if (c.spec().oneOff() && Long.valueOf(0).equals(state.exitCode())) {
                        continue;
                    }
                    throw DeployFailure.of(service, service + " exited with code " + state.exitCode()
                            + (state.oomKilled() ? " (out of memory)" : ""));
                }
                String health = state.health();
                if ("unhealthy".equals(health)) {
                    throw DeployFailure.of(service, service + " is unhealthy" + lastHealthOutput(state));
                }
                boolean up = c.spec().hasHealthcheck() && health != null ? "healthy".equals(health)
                        : System.nanoTime() - c.startedNanos() >= settle.toNanos();
                if (!up && waitingFor == null) {
                    waitingFor = service + (health != null ? " to become healthy" : " to keep running");
                }
            }
            if (!reportedRunning) {
                reportedRunning = true;
                progress.step("running", null, "All containers are running");
            }
            if (waitingFor == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DeployFailure("Timed out after " + timeout.toSeconds() + " s waiting for " + waitingFor);
            }
            cancellation.sleep(POLL);
        }
    }

    static String lastHealthOutput(ContainerDetails.State state) {
        String output = state.lastHealthOutput() == null ? "" : state.lastHealthOutput();
        if (output.length() > 200) {
            output = output.substring(0, 200) + "…";
        }
        return output.isEmpty() ? "" : ": " + output;
    }
}
