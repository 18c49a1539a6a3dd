package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The one Docker Engine API client (unix socket or tcp from DOCKER_HOST). No docker CLI is ever run. */
public final class Engine implements AutoCloseable {
    private final DockerHttpClient http;
    private final DockerHttpClient statsHttp;
    private final DockerClient client;
    private final DockerClient pingClient;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final StatsReader stats;
    private final HelperRunner helpers;

    /** What the engine says about itself. */
    public record Info(String version, String apiVersion, String os, String arch) {
    }

    public Engine(String dockerHost) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withDockerTlsVerify(false)
                .build();
        // Short calls, log follows and deploys. Stats streams do not count against it: they have their own pool.
        this.http = new ReachabilityGuard(transport(dockerHost, 200), () -> ReachabilityGuard.acceptsConnections(dockerHost));
        this.client = DockerClientImpl.getInstance(config, http);
        // Each open stats stream holds one connection for minutes; with a shared pool, 200 streams would make every
        // other call wait (up to the pool's 3 min) for a free connection. Sized to the stream bound: a stream beyond
        // it is never asked for (the collector counts), so this pool is never the one that blocks.
        this.statsHttp = transport(dockerHost, StatsReader.MAX_STREAMS);
        this.stats = new StatsReader(statsHttp);
        this.helpers = new HelperRunner(client);
        // Health pings have connections of their own: behind 200 busy calls in the shared pool they would wait for
        // one and report a working engine as down. Two, so that a ping given up on does not block the next.
        this.pingClient = DockerClientImpl.getInstance(config, transport(dockerHost, 2));
    }

    private static DockerHttpClient transport(String dockerHost, int maxConnections) {
        return new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
    }

    public DockerClient client() {
        return client;
    }

    public DockerHttpClient http() {
        return http;
    }

    public StatsReader stats() {
        return stats;
    }

    /** Every container, running or not, as one list call (cheap: no stats, no inspect). */
    public List<ContainerSummary> containers() {
        return client.listContainersCmd().withShowAll(true).exec().stream().map(ContainerSummary::of).toList();
    }

    /** The listing of one container by its full id. */
    public Optional<ContainerSummary> container(String id) {
        return client.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().stream()
                .filter(c -> c.getId().equals(id)).findFirst().map(ContainerSummary::of);
    }

    /**
     * Resolves an id, id prefix or name the way the engine does (full id, then name, then unique prefix).
     * Throws docker-java's {@code NotFoundException} when nothing matches.
     */
    public ContainerRef inspect(String ref) {
        InspectContainerResponse c = client.inspectContainerCmd(ref).exec();
        InspectContainerResponse.ContainerState state = c.getState();
        String name = c.getName() == null ? "" : c.getName().replaceFirst("^/", "");
        return new ContainerRef(c.getId(), name, state == null ? "unknown" : state.getStatus(),
                state != null && Boolean.TRUE.equals(state.getRunning()),
                c.getConfig() != null && Boolean.TRUE.equals(c.getConfig().getTty()));
    }

    /** What a container may do to its host; throws docker-java's {@code NotFoundException} when it is gone. */
    public ContainerSecurity security(String id) {
        return SecurityReader.of(client.inspectContainerCmd(id).exec());
    }

    /** The ids of every container, running or not, carrying {@code label=value}. */
    public List<String> idsWithLabel(String label, String value) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec().stream()
                .map(c -> c.getId()).toList();
    }

    /** Runs a helper container to its end; throws docker-java's exceptions when the engine refuses it. */
    public HelperRun.Result runHelper(HelperRun helper) throws InterruptedException {
        return helpers.run(helper);
    }

    /** How the engine reports a container, for the server to find its own: image and network mode. */
    public Optional<SelfInfo> self(String id) {
        try {
            InspectContainerResponse c = client.inspectContainerCmd(id).exec();
            return Optional.of(new SelfInfo(c.getId(), c.getImageId(),
                    c.getHostConfig() == null ? null : c.getHostConfig().getNetworkMode()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** A container as seen from inside it: which image it runs and on which network. */
    public record SelfInfo(String id, String image, String networkMode) {
    }

    /** Asks the engine for its version, giving up after {@code timeout}. */
    public Info info(Duration timeout) throws EngineUnavailableException {
        Future<Version> call = calls.submit(() -> pingClient.versionCmd().exec());
        try {
            Version v = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Info(v.getVersion(), v.getApiVersion(), v.getOperatingSystem(), v.getArch());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new EngineUnavailableException("The Docker Engine did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new EngineUnavailableException("The Docker Engine is not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("Interrupted while asking the Docker Engine");
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
        try {
            client.close();
            statsHttp.close();
            pingClient.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }

    /** The engine cannot be reached; the message is safe to show (no paths or addresses). */
    public static final class EngineUnavailableException extends Exception {
        public EngineUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
