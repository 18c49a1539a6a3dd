package homelabarr.deploy.run;

import homelabarr.deploy.events.DeploymentStore.Replaced;
import homelabarr.deploy.events.Progress;
import homelabarr.deploy.plan.Plan;
import homelabarr.deploy.plan.Plan.ContainerSpec;
import homelabarr.docker.ContainerDetails;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.PublishedPort;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
    /** Where this update's config snapshot goes; null: none is taken (the server does not see the host's files). */
    private final Path snapshotArchive;
    private final long snapshotMaxBytes;
    private ConfigSnapshot snapshot;

    /** One update's gate (and snapshot): made per update, used by its executor thread only. */
    public UpdateGate(Engine engine, Duration keepRunning, Duration timeout, boolean probePort, Path snapshotArchive,
                      long snapshotMaxBytes) {
        this.engine = engine;
        this.keepRunning = keepRunning;
        this.timeout = timeout;
        this.probePort = probePort;
        this.snapshotArchive = snapshotArchive;
        this.snapshotMaxBytes = snapshotMaxBytes;
    }

    /**
     * Archives the app's config folders (its previous containers' bind mounts inside APPFOLDER), now that those
     * containers are stopped. A snapshot that cannot be taken is reported and the update goes on without it.
     */
    void snapshot(List<Replaced> replaced, String appFolder, Progress progress) {
        if (snapshotArchive == null || appFolder == null || appFolder.isBlank() || replaced.isEmpty()) {
            return;
        }
        Path root = Path.of(appFolder).toAbsolutePath().normalize();
        Set<Path> folders = new TreeSet<>();
        try {
            for (Replaced r : replaced) {
                for (ContainerDetails.Mount m : engine.details(r.id()).mounts()) {
                    Path source = m.name() == null && m.source() != null ? Path.of(m.source()).normalize() : null;
                    if (source != null && source.startsWith(root) && Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                        folders.add(source);
                    }
                }
            }
            // a folder inside another one is archived with it
            List<Path> outer = folders.stream().filter(f -> folders.stream().noneMatch(o -> !o.equals(f) && f.startsWith(o)))
                    .toList();
            if (outer.isEmpty()) {
                progress.step("snapshot", null, "No config folder inside " + root + " to snapshot");
                return;
            }
            snapshot = ConfigSnapshot.take(outer, snapshotArchive, snapshotMaxBytes);
            progress.step("snapshot", null, snapshot == null
                    ? "Config folders not snapshotted: more than " + (snapshotMaxBytes >> 20) + " MiB"
                    : "Snapshot of the config folders: " + snapshot.summary());
        } catch (IOException | RuntimeException e) {
            snapshot = null;
            progress.step("snapshot", null, "Config folders not snapshotted: " + e.getClass().getSimpleName());
        }
    }

    /** After a failed update, before the previous containers start: their config folders as they were. */
    List<String> restoreSnapshot(Progress progress) {
        if (snapshot == null) {
            return List.of();
        }
        try {
            snapshot.restore();
            progress.step("snapshot", null, "Restored the config folders from the snapshot");
            return List.of();
        } catch (IOException | RuntimeException e) {
            return List.of("the config snapshot could not be restored (" + e.getClass().getSimpleName() + ")");
        } finally {
            snapshot.delete();
        }
    }

    /** After a passed update the snapshot is not needed any more. */
    void discardSnapshot() {
        if (snapshot != null) {
            snapshot.delete();
        }
    }

    void check(Plan plan, Progress progress, Cancellation cancellation) throws DeployFailure {
        boolean port = probePort && plan.webPort() != null;
        progress.step("gate", null, "Health gate: every container must keep running for " + keepRunning.toSeconds() + " s"
                + (port ? " and port " + plan.webPort() + " must answer" : ""));
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean answered = !port;
        InetAddress address = port ? publishedOn(plan) : null;
        while (true) {
            boolean healthy = true;
            for (ContainerSpec spec : plan.containers()) {
                healthy &= up(spec);
            }
            if (!answered) {
                answered = answers(address, plan.webPort());
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

    /**
     * Where the web port is published: loopback when on every address (the usual {@code "8080:80"}), else the one
     * address a template binds it to ({@code "192.168.1.5:8080:80"}), which loopback would not reach.
     */
    private InetAddress publishedOn(Plan plan) {
        try {
            for (ContainerSpec spec : plan.containers()) {
                String id = engine.inspect(spec.name()).id();
                for (PublishedPort p : engine.container(id).map(ContainerSummary::ports).orElse(List.of())) {
                    if (plan.webPort().equals(p.hostPort()) && p.hostIp() != null && !p.hostIp().isBlank()
                            && !p.hostIp().equals("0.0.0.0") && !p.hostIp().equals("::")) {
                        return InetAddress.getByName(p.hostIp());
                    }
                }
            }
        } catch (EngineException | IOException e) {
            // loopback is the right guess for nearly every template
        }
        return InetAddress.getLoopbackAddress();
    }

    /** Anything back on a connection to the port counts: an HTTP answer of any status, or a banner. */
    private static boolean answers(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), PROBE_MILLIS);
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
