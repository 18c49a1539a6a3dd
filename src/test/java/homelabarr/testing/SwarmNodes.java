package homelabarr.testing;

import homelabarr.docker.DockerSwarmEngine;
import homelabarr.docker.EngineException;
import homelabarr.docker.SwarmEngine;
import homelabarr.docker.SwarmEngine.StackService;
import homelabarr.docker.SwarmEngine.SwarmNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real three-node swarm for the swarm tests: three extra dockerds in network namespaces, made by
 * {@code scripts/swarm-nodes.sh} (never the host's main engine, which other tests share). One per test run
 * ({@link #shared()}): started if not up, and then stopped again when the test plan ends ({@link SwarmSession}),
 * else reused as found. A
 * test class calls {@link #cleanUp()} at its end: whatever carries the test label is removed and every node is made
 * active again.
 */
public final class SwarmNodes {
    public static final String MANAGER = "unix:///tmp/hlr-sw1/docker.sock";
    private static final Duration START = Duration.ofMinutes(4);
    private static SwarmNodes shared;
    private final boolean startedHere;
    private final SwarmEngine engine;

    /** The swarm of this test run; forming it takes minutes, so the test classes share it. */
    public static synchronized SwarmNodes shared() {
        if (shared == null) {
            shared = new SwarmNodes();
        }
        return shared;
    }

    /** At the end of the test run: the connection closes, and nodes this run started are stopped. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }

    private SwarmNodes() {
        this.startedHere = script("status", Duration.ofSeconds(30)) != 0;
        if (startedHere && script("start", START) != 0) {
            throw new IllegalStateException("scripts/swarm-nodes.sh start failed (it needs root, dockerd, iptables and the "
                    + "test image); its output:\n" + logTail());
        }
        this.engine = new DockerSwarmEngine(MANAGER);
        Await.until("three Ready swarm nodes", Duration.ofSeconds(60),
                () -> engine.nodes().stream().filter(n -> "ready".equals(n.state())).count() == 3);
    }

    /** Our own connection to the manager, for looking at the swarm beside the server. */
    public SwarmEngine engine() {
        return engine;
    }

    public SwarmNode node(String hostname) {
        return engine.nodes().stream().filter(n -> hostname.equals(n.hostname())).findFirst().orElseThrow();
    }

    /** The address where node {@code hostname} (hlr-swN) answers from this host: its namespace's, 10.242.0.1N. */
    public static String address(String hostname) {
        return "10.242.0.1" + hostname.substring(hostname.length() - 1);
    }

    /** Removes what the tests made (by the test label) and makes every node active again. */
    public void cleanUp() {
        for (StackService s : engine.services(DockerFixture.TEST_LABEL, "true")) {
            engine.remove(s.id());
        }
        for (String network : engine.networks(DockerFixture.TEST_LABEL, "true")) {
            removeNetwork(network);
        }
        engine.nodes().forEach(n -> engine.availability(n.id(), "active"));
    }

    private void stop() {
        engine.close();
        if (startedHere) {
            script("stop", START);
        }
    }

    private void removeNetwork(String name) {
        for (int i = 0; i < 30; i++) {
            try {
                engine.removeNetwork(name);
                return;
            } catch (EngineException e) {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int script(String action, Duration timeout) {
        Path script = Path.of("scripts/swarm-nodes.sh").toAbsolutePath();
        try {
            Files.createDirectories(Path.of("target"));
            Process p = new ProcessBuilder(script.toString(), action).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/swarm-nodes.log").toFile())).start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("scripts/swarm-nodes.sh " + action + " did not finish in " + timeout);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(Path.of("target/swarm-nodes.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no target/swarm-nodes.log)";
        }
    }

    /** The nodes' ids, for tests that name a node. */
    public List<String> nodeIds() {
        return engine.nodes().stream().map(SwarmNode::id).toList();
    }
}
