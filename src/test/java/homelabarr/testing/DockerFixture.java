package homelabarr.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
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
 * Test containers on the real engine. Each carries {@code homelabarr.test=true} and this fixture's run label, so
 * {@link #close()} removes exactly what this fixture made. A missing engine or test image fails loudly: that is a
 * broken setup (run scripts/test-env.sh), not a reason to skip.
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
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
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
        Map<String, String> labels = new HashMap<>(Map.of(TEST_LABEL, "true", RUN_LABEL, runId));
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
