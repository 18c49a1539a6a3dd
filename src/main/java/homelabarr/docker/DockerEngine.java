package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Docker Engine through docker-java (unix socket or tcp from DOCKER_HOST). No docker CLI is ever run. Every
 * call's failure becomes an {@link EngineException} naming what was being done. This class owns the connections;
 * the calls live by subject in {@link DockerContainers}, {@link DockerResources}, {@link DockerFeeds} and
 * {@link DockerPing}.
 */
public final class DockerEngine implements Engine {
    private final DockerHttpClient statsHttp;
    private final DockerClient client;
    private final DockerContainers containers;
    private final DockerResources resources;
    private final DockerFeeds feeds;
    private final DockerPing ping;
    private final StatsReader stats;
    private final HelperRunner helpers;

    public DockerEngine(String dockerHost) {
        this(dockerHost, null);
    }

    /**
     * An engine at {@code dockerHost} (unix:// or tcp://); with {@code tls} (mutual TLS material held in memory, never
     * read from DOCKER_CERT_PATH) a tcp:// address is spoken to over HTTPS.
     */
    public DockerEngine(String dockerHost, SSLContext tls) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withDockerTlsVerify(false)
                .build();
        // Short calls, log follows and deploys. Stats streams do not count against it: they have their own pool.
        DockerHttpClient http = new ReachabilityGuard(transport(dockerHost, tls, 200),
                () -> ReachabilityGuard.acceptsConnections(dockerHost));
        this.client = DockerClientImpl.getInstance(config, http);
        this.containers = new DockerContainers(client);
        this.resources = new DockerResources(client);
        this.feeds = new DockerFeeds(client);
        // Each open stats stream holds one connection for minutes; with a shared pool, 200 streams would make every
        // other call wait (up to the pool's 3 min) for a free connection. Sized to the stream bound: a stream beyond
        // it is never asked for (the collector counts), so this pool is never the one that blocks.
        this.statsHttp = transport(dockerHost, tls, StatsReader.MAX_STREAMS);
        this.stats = new StatsReader(statsHttp);
        this.helpers = new HelperRunner(client);
        // Health pings have connections of their own: behind 200 busy calls in the shared pool they would wait for
        // one and report a working engine as down. Two, so that a ping given up on does not block the next.
        this.ping = new DockerPing(DockerClientImpl.getInstance(config, transport(dockerHost, tls, 2)));
    }

    private static DockerHttpClient transport(String dockerHost, SSLContext tls, int maxConnections) {
        ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(maxConnections)
                // bounded: a host that is switched off (packets dropped) must not hold a caller for minutes
                .connectionTimeout(Duration.ofSeconds(5));
        SSLContext context = tlsFor(dockerHost, tls);
        if (context != null) {
            builder.sslConfig(() -> context);
        }
        return builder.build();
    }

    /** The context a transport to {@code dockerHost} gets: {@code tls} for tcp://, nothing real for a socket. */
    static SSLContext tlsFor(String dockerHost, SSLContext tls) {
        return tls == null && dockerHost.startsWith("unix://") ? NoTls.context() : tls;
    }

    @Override
    public List<ContainerSummary> containers() {
        return containers.all();
    }

    @Override
    public List<ContainerSummary> containers(String label, String value) {
        return containers.labelled(label, value);
    }

    @Override
    public Optional<ContainerSummary> container(String id) {
        return containers.one(id);
    }

    @Override
    public ContainerRef inspect(String ref) {
        return containers.inspect(ref);
    }

    @Override
    public ContainerDetails details(String id) {
        return DetailsReader.of(containers.inspectRaw(id));
    }

    @Override
    public ContainerSecurity security(String id) {
        return SecurityReader.of(containers.inspectRaw(id));
    }

    @Override
    public String create(CreateSpec spec) {
        return containers.create(spec);
    }

    @Override
    public void connect(String containerId, String network, List<String> aliases) {
        containers.connect(containerId, network, aliases);
    }

    @Override
    public boolean start(String id) {
        return containers.start(id);
    }

    @Override
    public boolean stop(String id, int timeoutSeconds) {
        return containers.stop(id, timeoutSeconds);
    }

    @Override
    public void restart(String id, int timeoutSeconds) {
        containers.restart(id, timeoutSeconds);
    }

    @Override
    public void remove(String id, boolean force, boolean volumes) {
        containers.remove(id, force, volumes);
    }

    @Override
    public void rename(String id, String name) {
        containers.rename(id, name);
    }

    @Override
    public Optional<Long> lastExitCode(String id) {
        return feeds.lastExitCode(id);
    }

    @Override
    public Streaming containerEvents(String label, List<String> actions, Consumer<ContainerEvent> sink) {
        return feeds.containerEvents(label, actions, sink);
    }

    @Override
    public Streaming logs(String id, LogOptions options, LogSink sink) {
        return feeds.logs(id, options, sink);
    }

    @Override
    public RunningImage runningImage(String containerId) {
        return containers.runningImage(containerId);
    }

    @Override
    public boolean imagePresent(String reference) {
        return containers.imagePresent(reference);
    }

    @Override
    public Streaming pull(String name, String tag, RegistryAuth auth, PullListener listener) {
        return feeds.pull(name, tag, auth, listener);
    }

    @Override
    public List<NetworkInfo> networks(String label, String value) {
        return resources.networks(label, value);
    }

    @Override
    public Optional<NetworkInfo> network(String nameOrId) {
        return resources.network(nameOrId);
    }

    @Override
    public String createNetwork(String name, String driver, Map<String, String> labels) {
        return resources.createNetwork(name, driver, labels);
    }

    @Override
    public void removeNetwork(String id) {
        resources.removeNetwork(id);
    }

    @Override
    public List<VolumeInfo> volumes(String label, String value) {
        return resources.volumes(label, value);
    }

    @Override
    public boolean volumeExists(String name) {
        return resources.volumeExists(name);
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        resources.createVolume(name, driver, driverOpts, labels);
    }

    @Override
    public void removeVolume(String name) {
        resources.removeVolume(name);
    }

    @Override
    public HelperRun.Result runHelper(HelperRun helper) throws InterruptedException {
        try {
            return helpers.run(helper);
        } catch (RuntimeException e) {
            throw EngineCalls.translate("run a helper container", e);
        }
    }

    @Override
    public Optional<SelfInfo> self(String id) {
        return containers.self(id);
    }

    @Override
    public StatsFrames stats(String containerId) throws IOException {
        return stats.stream(containerId);
    }

    @Override
    public Info info(Duration timeout) {
        return ping.info(timeout);
    }

    @Override
    public Swarm swarm(Duration timeout) {
        return ping.swarm(timeout);
    }

    @Override
    public void close() {
        try {
            client.close();
            statsHttp.close();
            ping.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }
}
