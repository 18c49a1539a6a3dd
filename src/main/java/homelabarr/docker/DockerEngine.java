package homelabarr.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.command.CreateVolumeCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static homelabarr.docker.EngineCalls.call;
import static homelabarr.docker.EngineCalls.found;
import static homelabarr.docker.EngineCalls.run;

/**
 * The Docker Engine through docker-java (unix socket or tcp from DOCKER_HOST). No docker CLI is ever run. Every
 * call's failure becomes an {@link EngineException} naming what was being done.
 */
public final class DockerEngine implements Engine {
    private static final Duration EVENTS_LOOKBACK = Duration.ofHours(2);
    private static final Duration EVENTS_WAIT = Duration.ofSeconds(3);
    private final DockerHttpClient http;
    private final DockerHttpClient statsHttp;
    private final DockerClient client;
    private final DockerClient pingClient;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
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
        this.http = new ReachabilityGuard(transport(dockerHost, tls, 200), () -> ReachabilityGuard.acceptsConnections(dockerHost));
        this.client = DockerClientImpl.getInstance(config, http);
        // Each open stats stream holds one connection for minutes; with a shared pool, 200 streams would make every
        // other call wait (up to the pool's 3 min) for a free connection. Sized to the stream bound: a stream beyond
        // it is never asked for (the collector counts), so this pool is never the one that blocks.
        this.statsHttp = transport(dockerHost, tls, StatsReader.MAX_STREAMS);
        this.stats = new StatsReader(statsHttp);
        this.helpers = new HelperRunner(client);
        // Health pings have connections of their own: behind 200 busy calls in the shared pool they would wait for
        // one and report a working engine as down. Two, so that a ping given up on does not block the next.
        this.pingClient = DockerClientImpl.getInstance(config, transport(dockerHost, tls, 2));
    }

    private static DockerHttpClient transport(String dockerHost, SSLContext tls, int maxConnections) {
        ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(maxConnections)
                // bounded: a host that is switched off (packets dropped) must not hold a caller for minutes
                .connectionTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslConfig(() -> tls);
        }
        return builder.build();
    }

    @Override
    public List<ContainerSummary> containers() {
        return call("list containers", () -> client.listContainersCmd().withShowAll(true).exec().stream()
                .map(ContainerSummary::of).toList());
    }

    @Override
    public List<ContainerSummary> containers(String label, String value) {
        return call("list containers labelled " + label, () -> client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(label, value)).exec().stream().map(ContainerSummary::of).toList());
    }

    @Override
    public Optional<ContainerSummary> container(String id) {
        return call("list container " + id, () -> client.listContainersCmd().withShowAll(true)
                .withIdFilter(List.of(id)).exec().stream()
                .filter(c -> c.getId().equals(id)).findFirst().map(ContainerSummary::of));
    }

    @Override
    public ContainerRef inspect(String ref) {
        InspectContainerResponse c = call("find container " + ref, () -> client.inspectContainerCmd(ref).exec());
        InspectContainerResponse.ContainerState state = c.getState();
        String name = c.getName() == null ? "" : c.getName().replaceFirst("^/", "");
        return new ContainerRef(c.getId(), name, state == null ? "unknown" : state.getStatus(),
                state != null && Boolean.TRUE.equals(state.getRunning()),
                c.getConfig() != null && Boolean.TRUE.equals(c.getConfig().getTty()));
    }

    @Override
    public ContainerDetails details(String id) {
        return DetailsReader.of(call("inspect container " + id, () -> client.inspectContainerCmd(id).exec()));
    }

    @Override
    public ContainerSecurity security(String id) {
        return SecurityReader.of(call("inspect container " + id, () -> client.inspectContainerCmd(id).exec()));
    }

    @Override
    public String create(CreateSpec spec) {
        return call("create container " + spec.name(), () -> ContainerCreation.command(client, spec).exec().getId());
    }

    @Override
    public void connect(String containerId, String network, List<String> aliases) {
        run("connect a container to network " + network, () -> client.connectToNetworkCmd().withContainerId(containerId)
                .withNetworkId(network).withContainerNetwork(new ContainerNetwork().withAliases(aliases)).exec());
    }

    @Override
    public boolean start(String id) {
        return changed("start container " + id, () -> client.startContainerCmd(id).exec());
    }

    @Override
    public boolean stop(String id, int timeoutSeconds) {
        return changed("stop container " + id, () -> client.stopContainerCmd(id).withTimeout(timeoutSeconds).exec());
    }

    @Override
    public void restart(String id, int timeoutSeconds) {
        run("restart container " + id, () -> client.restartContainerCmd(id).withTimeout(timeoutSeconds).exec());
    }

    @Override
    public void remove(String id, boolean force, boolean volumes) {
        run("remove container " + id, () -> client.removeContainerCmd(id).withForce(force).withRemoveVolumes(volumes).exec());
    }

    @Override
    public void rename(String id, String name) {
        run("rename container " + id, () -> client.renameContainerCmd(id).withName(name).exec());
    }

    /** The engine answers 304 when a container already is in the asked-for state: no change, not an error. */
    private static boolean changed(String action, Runnable call) {
        try {
            run(action, call);
            return true;
        } catch (EngineException e) {
            if (e.getCause() instanceof NotModifiedException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Long> lastExitCode(String id) {
        long now = Instant.now().getEpochSecond();
        List<String> codes = new CopyOnWriteArrayList<>();
        ResultCallback.Adapter<Event> events = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                if (event.getActor() != null && event.getActor().getAttributes() != null) {
                    String code = event.getActor().getAttributes().get("exitCode");
                    if (code != null) {
                        codes.add(code);
                    }
                }
            }
        };
        try (events) {
            client.eventsCmd().withContainerFilter(id).withEventFilter("die")
                    .withSince(Long.toString(now - EVENTS_LOOKBACK.toSeconds())).withUntil(Long.toString(now + 1))
                    .exec(events).awaitCompletion(EVENTS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the reason then goes without the code
        }
        try {
            return codes.isEmpty() ? Optional.empty() : Optional.of(Long.valueOf(codes.getLast()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Streaming containerEvents(String label, List<String> actions, Consumer<ContainerEvent> sink) {
        EventFeed feed = new EventFeed(sink);
        call("follow container events", () -> client.eventsCmd().withEventTypeFilter("container")
                .withLabelFilter(label).withEventFilter(actions.toArray(String[]::new)).exec(feed));
        return feed;
    }

    @Override
    public Streaming logs(String id, LogOptions options, LogSink sink) {
        LogContainerCmd cmd = client.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withTimestamps(options.timestamps()).withFollowStream(options.follow());
        cmd = options.tail() == null ? cmd.withTailAll() : cmd.withTail(options.tail());
        if (options.sinceSeconds() != null) {
            cmd = cmd.withSince(options.sinceSeconds());
        }
        LogFeed feed = new LogFeed(sink);
        LogContainerCmd command = cmd;
        call("read the logs of container " + id, () -> command.exec(feed));
        return feed;
    }

    @Override
    public RunningImage runningImage(String containerId) {
        InspectContainerResponse c = call("inspect container " + containerId,
                () -> client.inspectContainerCmd(containerId).exec());
        InspectImageResponse image = call("inspect image " + c.getImageId(), () -> client.inspectImageCmd(c.getImageId()).exec());
        List<String> digests = image.getRepoDigests() == null ? List.of() : image.getRepoDigests();
        boolean healthcheck = image.getConfig() != null && image.getConfig().getHealthcheck() != null
                && image.getConfig().getHealthcheck().getTest() != null
                && !image.getConfig().getHealthcheck().getTest().isEmpty()
                && !"NONE".equals(image.getConfig().getHealthcheck().getTest().get(0));
        return new RunningImage(c.getId(), c.getConfig() == null ? null : c.getConfig().getImage(), c.getImageId(),
                digests, healthcheck);
    }

    @Override
    public boolean imagePresent(String reference) {
        return found("inspect image " + reference, () -> client.inspectImageCmd(reference).exec()).isPresent();
    }

    @Override
    public Streaming pull(String name, String tag, RegistryAuth auth, PullListener listener) {
        PullFeed feed = new PullFeed(listener);
        var pull = client.pullImageCmd(name).withTag(tag);
        if (auth != null) {
            pull.withAuthConfig(new AuthConfig().withRegistryAddress(auth.registry()).withUsername(auth.username())
                    .withPassword(auth.password()));
        }
        call("pull image " + name + ":" + tag, () -> pull.exec(feed));
        return feed;
    }

    @Override
    public List<NetworkInfo> networks(String label, String value) {
        return call("list networks", () -> client.listNetworksCmd().withFilter("label", List.of(label + "=" + value)).exec()
                .stream().map(n -> new NetworkInfo(n.getId(), n.getName(), n.getLabels())).toList());
    }

    @Override
    public Optional<NetworkInfo> network(String nameOrId) {
        return found("inspect network " + nameOrId, () -> client.inspectNetworkCmd().withNetworkId(nameOrId).exec())
                .map(n -> new NetworkInfo(n.getId(), n.getName(), n.getLabels()));
    }

    @Override
    public String createNetwork(String name, String driver, Map<String, String> labels) {
        return call("create network " + name, () -> {
            CreateNetworkCmd cmd = client.createNetworkCmd().withName(name).withLabels(labels).withCheckDuplicate(true);
            if (driver != null) {
                cmd.withDriver(driver);
            }
            return cmd.exec().getId();
        });
    }

    @Override
    public void removeNetwork(String id) {
        run("remove network " + id, () -> client.removeNetworkCmd(id).exec());
    }

    @Override
    public List<VolumeInfo> volumes(String label, String value) {
        return call("list volumes", () -> {
            List<InspectVolumeResponse> found = client.listVolumesCmd().withFilter("label", List.of(label + "=" + value))
                    .exec().getVolumes();
            return found == null ? List.<VolumeInfo>of()
                    : found.stream().map(v -> new VolumeInfo(v.getName(), v.getLabels())).toList();
        });
    }

    @Override
    public boolean volumeExists(String name) {
        return found("inspect volume " + name, () -> client.inspectVolumeCmd(name).exec()).isPresent();
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        run("create volume " + name, () -> {
            CreateVolumeCmd cmd = client.createVolumeCmd().withName(name).withLabels(labels);
            if (driver != null) {
                cmd.withDriver(driver);
            }
            if (!driverOpts.isEmpty()) {
                cmd.withDriverOpts(driverOpts);
            }
            cmd.exec();
        });
    }

    @Override
    public void removeVolume(String name) {
        run("remove volume " + name, () -> client.removeVolumeCmd(name).exec());
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
        try {
            InspectContainerResponse c = call("inspect container " + id, () -> client.inspectContainerCmd(id).exec());
            return Optional.of(new SelfInfo(c.getId(), c.getImageId(),
                    c.getHostConfig() == null ? null : c.getHostConfig().getNetworkMode()));
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public StatsFrames stats(String containerId) throws IOException {
        return stats.stream(containerId);
    }

    @Override
    public Info info(Duration timeout) {
        Version v = bounded(() -> pingClient.versionCmd().exec(), timeout);
        return new Info(v.getVersion(), v.getApiVersion(), v.getOperatingSystem(), v.getArch());
    }

    @Override
    public Swarm swarm(Duration timeout) {
        SwarmInfo swarm = bounded(() -> pingClient.infoCmd().exec(), timeout).getSwarm();
        String state = swarm == null || swarm.getLocalNodeState() == null ? "inactive"
                : swarm.getLocalNodeState().getValue();
        return new Swarm(state, swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable()));
    }

    /** One call on the ping connection that gives up after {@code timeout}: a hung engine must not hang the caller. */
    private <T> T bounded(Callable<T> request, Duration timeout) {
        Future<T> call = calls.submit(request);
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw EngineException.unreachable("The Docker Engine did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw EngineException.unreachable("The Docker Engine is not reachable", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.unreachable("Interrupted while asking the Docker Engine", e);
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
}
