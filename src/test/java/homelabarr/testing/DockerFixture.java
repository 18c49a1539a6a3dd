package homelabarr.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The real engine (at DOCKER_HOST, or the default socket) for tests: containers it creates carry
 * {@code homelabarr.test=true}, the suite's label ({@link TestRun}) and this fixture's run label, so {@link #close()}
 * removes exactly what this fixture made; listings by label; removal of everything of a test app. A missing engine
 * or test image fails loudly: that is a broken setup (run scripts/test-env.sh). Test classes that use it are
 * {@link NeedsDocker}.
 */
public final class DockerFixture implements AutoCloseable {
    public static final String IMAGE = "homelabarr-test/busybox:1";
    public static final String TEST_LABEL = "homelabarr.test";
    public static final String RUN_LABEL = "homelabarr.test.run";
    /** Prints a line on both streams every second, forever. */
    public static final String[] CHATTY = {"/bin/sh", "-c", "while true; do echo out; echo err >&2; sleep 1; done"};
    public static final String[] IDLE = {"/bin/sleep", "3600"};

    private final DockerClient docker;
    private final String runId = UUID.randomUUID().toString().substring(0, 12);

    public DockerFixture() {
        this(host());
    }

    /** The engine at {@code host}: an extra engine of {@link NsEngine}, say. */
    public DockerFixture(String host) {
        this.docker = DockerClientImpl.getInstance(
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build(),
                new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(host)).maxConnections(64).build());
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The Docker Engine at " + host + " is not reachable; run scripts/test-env.sh", e);
        }
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("The test image " + IMAGE + " is missing; run scripts/test-env.sh", e);
        }
    }

    /** Where the tests' engine is: DOCKER_HOST, or the default socket. */
    public static String host() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host;
    }

    public DockerClient client() {
        return docker;
    }

    public String runId() {
        return runId;
    }

    /** A name unique to this run, so parallel runs on one engine never collide. */
    public String name(String prefix) {
        return "hlr-test-" + prefix + "-" + runId + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Creates (not starts) a container running {@code command} with init, the test labels and {@code customize}. */
    public String create(String name, Consumer<CreateContainerCmd> customize, String... command) {
        Map<String, String> labels = new HashMap<>(TestRun.labels());
        labels.put(RUN_LABEL, runId);
        CreateContainerCmd cmd = docker.createContainerCmd(IMAGE).withName(name).withCmd(command)
                .withHostConfig(HostConfig.newHostConfig().withInit(true));
        customize.accept(cmd);
        if (cmd.getLabels() != null) {
            labels.putAll(cmd.getLabels());
        }
        return cmd.withLabels(labels).exec().getId();
    }

    /** Creates and starts; returns the full id. */
    public String run(String name, Consumer<CreateContainerCmd> customize, String... command) {
        String id = create(name, customize, command);
        docker.startContainerCmd(id).exec();
        return id;
    }

    public String run(String name, String... command) {
        return run(name, cmd -> { }, command);
    }

    public List<Container> mine() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RUN_LABEL, runId)).exec();
    }

    /** Containers, running or not, that carry {@code label} ({@code key=value}). */
    public List<Container> containers(String label) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec();
    }

    public List<Network> networks(String label) {
        return docker.listNetworksCmd().withFilter("label", List.of(label)).exec();
    }

    public List<InspectVolumeResponse> volumes(String label) {
        List<InspectVolumeResponse> v = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
        return v == null ? List.of() : v;
    }

    /**
     * Removes the containers, networks and volumes labelled {@code homelabarr.app=<appId>}. Test app ids carry a
     * random suffix, so everything with one of them is the test's, whether or not its template labelled it.
     */
    public void removeApp(String appId) {
        String label = "homelabarr.app=" + appId;
        for (Container c : containers(label)) {
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
        for (Network n : networks(label)) {
            try {
                docker.removeNetworkCmd(n.getId()).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
        for (InspectVolumeResponse v : volumes(label)) {
            try {
                docker.removeVolumeCmd(v.getName()).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
    }

    /** Removes a network by name or id if it exists (a shared proxy network a test had the server create). */
    public void removeNetwork(String network) {
        try {
            docker.removeNetworkCmd(network).exec();
        } catch (NotFoundException e) {
            // never created, or already gone
        }
    }

    /** Force-removes this run's containers with their anonymous volumes. */
    public void removeAll() {
        for (Container c : mine()) {
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        removeAll();
        try {
            docker.close();
        } catch (IOException e) {
            // closing
        }
    }
}
