package homelabarr.testing;

import homelabarr.docker.ContainerDetails;
import homelabarr.docker.ContainerEvent;
import homelabarr.docker.ContainerRef;
import homelabarr.docker.ContainerSecurity;
import homelabarr.docker.ContainerSummary;
import homelabarr.docker.CreateSpec;
import homelabarr.docker.Engine;
import homelabarr.docker.EngineException;
import homelabarr.docker.HelperRun;
import homelabarr.docker.LogOptions;
import homelabarr.docker.LogSink;
import homelabarr.docker.NetworkInfo;
import homelabarr.docker.PublishedPort;
import homelabarr.docker.PullListener;
import homelabarr.docker.RegistryAuth;
import homelabarr.docker.RunningImage;
import homelabarr.docker.StatsFrames;
import homelabarr.docker.Streaming;
import homelabarr.docker.VolumeInfo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A Docker Engine in memory, for tests of the deploy pipeline that need no Docker: it keeps what it was asked to
 * create, answers like the real one (NOT_FOUND for unknown things, 304-style "no change"), and can be told to fail a
 * container's start. {@link #calls()} records every change in order.
 */
public final class FakeEngine implements Engine {
    /** A container as the fake keeps it. */
    public record Container(String id, CreateSpec spec, String state) {
    }

    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, NetworkInfo> networks = new LinkedHashMap<>();
    private final Map<String, VolumeInfo> volumes = new LinkedHashMap<>();
    private final Set<String> images = new HashSet<>();
    private final Set<String> failingStarts = new HashSet<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public synchronized FakeEngine withImage(String reference) {
        images.add(reference);
        return this;
    }

    /** Starting the container named {@code name} fails as the engine says it when a port is taken. */
    public synchronized FakeEngine failingStartOf(String name) {
        failingStarts.add(name);
        return this;
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Container> created() {
        return List.copyOf(containers.values());
    }

    public synchronized List<NetworkInfo> networkList() {
        return List.copyOf(networks.values());
    }

    private static String newId() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static EngineException notFound(String action) {
        return new EngineException(EngineException.Kind.NOT_FOUND, action, 404, "No such object", null);
    }

    private Container find(String ref) {
        Container c = containers.get(ref);
        if (c != null) {
            return c;
        }
        return containers.values().stream().filter(x -> x.spec().name().equals(ref) || x.id().startsWith(ref))
                .findFirst().orElseThrow(() -> notFound("find container " + ref));
    }

    private ContainerSummary summary(Container c) {
        List<PublishedPort> ports = c.state().equals("running") ? c.spec().ports().stream()
                .filter(p -> p.hostPort() != null)
                .map(p -> new PublishedPort("0.0.0.0", p.hostPort(), p.containerPort(), p.protocol())).toList() : List.of();
        return new ContainerSummary(c.id(), c.spec().name(), c.spec().image(), c.state(), c.state(), Instant.now(), ports,
                c.spec().labels().get(ContainerSummary.APP_LABEL), c.spec().labels());
    }

    @Override
    public synchronized List<ContainerSummary> containers() {
        return containers.values().stream().map(this::summary).toList();
    }

    @Override
    public synchronized List<ContainerSummary> containers(String label, String value) {
        return containers.values().stream().filter(c -> value.equals(c.spec().labels().get(label))).map(this::summary).toList();
    }

    @Override
    public synchronized Optional<ContainerSummary> container(String id) {
        return Optional.ofNullable(containers.get(id)).map(this::summary);
    }

    @Override
    public synchronized ContainerRef inspect(String ref) {
        Container c = find(ref);
        return new ContainerRef(c.id(), c.spec().name(), c.state(), c.state().equals("running"), c.spec().tty());
    }

    @Override
    public synchronized ContainerDetails details(String id) {
        Container c = find(id);
        Map<String, String> env = new LinkedHashMap<>();
        c.spec().environment().forEach(e -> env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        boolean running = c.state().equals("running");
        return new ContainerDetails(c.id(), c.spec().name(), c.spec().image(),
                new ContainerDetails.State(c.state(), running, false, running ? 0L : null, false, null, null),
                0, c.spec().labels(), env, List.of(), c.spec().tty());
    }

    @Override
    public synchronized ContainerSecurity security(String id) {
        Container c = find(id);
        return new ContainerSecurity(c.id(), c.spec().name(), c.spec().labels(), List.of(), c.spec().privileged(),
                c.spec().capAdd(), List.of(), c.spec().networkMode(), c.spec().pidMode(), null, null,
                c.spec().securityOpt(), c.spec().sysctls(), c.spec().user(), Map.of(), c.spec().groupAdd());
    }

    @Override
    public synchronized String create(CreateSpec spec) {
        if (!images.contains(spec.image())) {
            throw notFound("create container " + spec.name());
        }
        if (containers.values().stream().anyMatch(c -> c.spec().name().equals(spec.name()))) {
            throw new EngineException(EngineException.Kind.CONFLICT, "create container " + spec.name(), 409,
                    "Conflict. The container name is already in use", null);
        }
        String id = newId();
        containers.put(id, new Container(id, spec, "created"));
        calls.add("create " + spec.name());
        return id;
    }

    @Override
    public synchronized void connect(String containerId, String network, List<String> aliases) {
        calls.add("connect " + find(containerId).spec().name() + " " + network);
    }

    @Override
    public synchronized boolean start(String id) {
        Container c = find(id);
        if (failingStarts.contains(c.spec().name())) {
            throw new EngineException(EngineException.Kind.FAILED, "start container " + id, 500,
                    "driver failed programming external connectivity: port is already allocated", null);
        }
        calls.add("start " + c.spec().name());
        if (c.state().equals("running")) {
            return false;
        }
        containers.put(c.id(), new Container(c.id(), c.spec(), "running"));
        return true;
    }

    @Override
    public synchronized boolean stop(String id, int timeoutSeconds) {
        Container c = find(id);
        calls.add("stop " + c.spec().name());
        boolean was = c.state().equals("running");
        containers.put(c.id(), new Container(c.id(), c.spec(), "exited"));
        return was;
    }

    @Override
    public synchronized void restart(String id, int timeoutSeconds) {
        Container c = find(id);
        containers.put(c.id(), new Container(c.id(), c.spec(), "running"));
    }

    @Override
    public synchronized void remove(String id, boolean force, boolean volumes) {
        Container c = find(id);
        calls.add("remove " + c.spec().name());
        containers.remove(c.id());
    }

    @Override
    public synchronized void rename(String id, String name) {
        Container c = find(id);
        CreateSpec s = c.spec();
        containers.put(c.id(), new Container(c.id(), new CreateSpec(s.image(), name, s.labels(), s.environment(),
                s.command(), s.entrypoint(), s.user(), s.workingDir(), s.hostname(), s.tty(), s.stdinOpen(),
                s.stopSignal(), s.stopTimeoutSeconds(), s.healthcheck(), s.ports(), s.binds(), s.strictBinds(),
                s.anonymousVolumes(), s.tmpfs(), s.restartPolicy(), s.privileged(), s.capAdd(), s.capDrop(), s.devices(),
                s.extraHosts(), s.dns(), s.securityOpt(), s.sysctls(), s.groupAdd(), s.readOnlyRootfs(), s.pidMode(),
                s.init(), s.shmSizeBytes(), s.memoryBytes(), s.nanoCpus(), s.gpu(), s.networkMode(), s.network(),
                s.aliases()), c.state()));
    }

    @Override
    public Optional<Long> lastExitCode(String id) {
        return Optional.empty();
    }

    /** No events ever come; the stream stays open until closed, as a quiet engine's does. */
    @Override
    public Streaming containerEvents(String label, List<String> actions, Consumer<ContainerEvent> sink) {
        CountDownLatch closed = new CountDownLatch(1);
        return new Streaming() {
            @Override
            public boolean awaitEnd(long millis) throws InterruptedException {
                return closed.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
    }

    @Override
    public Streaming logs(String id, LogOptions options, LogSink sink) {
        sink.end();
        return ended();
    }

    @Override
    public synchronized RunningImage runningImage(String containerId) {
        Container c = find(containerId);
        return new RunningImage(c.id(), c.spec().image(), "sha256:fake", List.of(), false);
    }

    @Override
    public synchronized boolean imagePresent(String reference) {
        return images.contains(reference);
    }

    @Override
    public Streaming pull(String name, String tag, RegistryAuth auth, PullListener listener) {
        listener.layer("layer1", "Downloading", 50L, 100L);
        listener.layer("layer1", "Pull complete", null, null);
        synchronized (this) {
            images.add(name + ":" + tag);
            calls.add("pull " + name + ":" + tag);
        }
        return ended();
    }

    @Override
    public synchronized List<NetworkInfo> networks(String label, String value) {
        return networks.values().stream().filter(n -> value.equals(n.labels().get(label))).toList();
    }

    @Override
    public synchronized Optional<NetworkInfo> network(String nameOrId) {
        return networks.values().stream().filter(n -> n.name().equals(nameOrId) || n.id().equals(nameOrId)).findFirst();
    }

    @Override
    public synchronized String createNetwork(String name, String driver, Map<String, String> labels) {
        String id = newId();
        networks.put(id, new NetworkInfo(id, name, labels));
        calls.add("network " + name);
        return id;
    }

    @Override
    public synchronized void removeNetwork(String id) {
        NetworkInfo n = networks.remove(id);
        if (n == null) {
            throw notFound("remove network " + id);
        }
        calls.add("remove network " + n.name());
    }

    @Override
    public synchronized List<VolumeInfo> volumes(String label, String value) {
        return volumes.values().stream().filter(v -> value.equals(v.labels().get(label))).toList();
    }

    @Override
    public synchronized boolean volumeExists(String name) {
        return volumes.containsKey(name);
    }

    @Override
    public synchronized void createVolume(String name, String driver, Map<String, String> driverOpts,
                                          Map<String, String> labels) {
        volumes.put(name, new VolumeInfo(name, labels));
        calls.add("volume " + name);
    }

    @Override
    public synchronized void removeVolume(String name) {
        volumes.remove(name);
    }

    @Override
    public Info info(Duration timeout) {
        return new Info("fake", "1.41", "linux", "amd64");
    }

    @Override
    public Swarm swarm(Duration timeout) {
        return new Swarm("inactive", false);
    }

    @Override
    public Optional<SelfInfo> self(String containerId) {
        return Optional.empty();
    }

    @Override
    public HelperRun.Result runHelper(HelperRun helper) {
        throw new UnsupportedOperationException("the fake engine runs no helper containers");
    }

    @Override
    public StatsFrames stats(String containerId) throws IOException {
        throw new IOException("the fake engine has no stats");
    }

    @Override
    public void close() {
    }

    private static Streaming ended() {
        return new Streaming() {
            @Override
            public boolean awaitEnd(long millis) {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Names of the created containers in creation order. */
    public List<String> createdNames() {
        List<String> out = new ArrayList<>();
        calls.stream().filter(c -> c.startsWith("create ")).forEach(c -> out.add(c.substring(7)));
        return out;
    }
}
