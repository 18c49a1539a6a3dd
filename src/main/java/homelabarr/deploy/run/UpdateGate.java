package homelabarr.deploy.run;

import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.docker.ContainerDetails;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What an update must pass after the usual verification, before the previous version is let go: every container
 * keeps running, unrestarted, for {@code keepRunning} (healthy, where its image or template has a healthcheck), and
 * the app's web UI port answers. Probing the port needs this process on the Docker host ({@code probePort}).
 */
public final class UpdateGate {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int PROBE_MILLIS = 3000;
    private final Engine engine;
    private final Duration keepRunning;
    private final Duration timeout;
    private final boolean probePort;

    public UpdateGate(Engine engine, Duration keepRunning, Duration timeout, boolean probePort) {
        this.engine = engine;
        this.keepRunning = keepRunning;
        this.timeout = timeout;
        this.probePort = probePort;
    }

    void check(Plan plan, Progress progress, Cancellation cancellation) throws DeployFailure {
        boolean port = probePort && plan.webPort() != null;
        progress.step("gate", null, "Health gate: every container must keep running for " + keepRunning.toSeconds() + " s"
                + (port ? " and port " + plan.webPort() + " must answer" : ""));
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean answered = !port;
        while (true) {
            boolean healthy = true;
            for (ContainerSpec spec : plan.containers()) {
                healthy &= up(spec);
            }
            if (!answered) {
                answered = answers(plan.webPort());
                if (answered) {
                    progress.step("gate", null, "Port " + plan.webPort() + " answers");
                }
            }
            if (healthy && answered && System.nanoTime() - start >= keepRunning.toNanos()) {
                progress.step("gate", null, "Health gate passed");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DeployFailure("Health gate failed: " + (!answered ? "port " + plan.webPort() + " did not answer"
                        : "not healthy") + " within " + timeout.toSeconds() + " s");
            }
            cancellation.sleep(POLL);
        }
    }

    /** False while a healthcheck has not passed yet; a stop, restart or failed healthcheck ends the gate. */
    private boolean up(ContainerSpec spec) throws DeployFailure {
        ContainerDetails info;
        try {
            info = engine.details(spec.name());
        } catch (EngineException e) {
            throw DeployFailure.engine("Cannot inspect " + spec.name(), e);
        }
        ContainerDetails.State state = info.state();
        if (spec.oneOff()) {
            return true;
        }
        if (!state.running() || state.restarting() || info.restartCount() > 0) {
            throw DeployFailure.of(spec.service(), spec.service() + " stopped during the health gate"
                    + (state.exitCode() != null && !state.running() ? " (exit code " + state.exitCode() + ")" : ""));
        }
        if ("unhealthy".equals(state.health())) {
            throw DeployFailure.of(spec.service(), spec.service() + " is unhealthy" + Verifier.lastHealthOutput(state));
        }
        return state.health() == null || "healthy".equals(state.health());
    }

    /** Anything back on a connection to the port counts: an HTTP answer of any status, or a banner. */
    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), PROBE_MILLIS);
            socket.setSoTimeout(PROBE_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
