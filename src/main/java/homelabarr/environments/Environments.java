package homelabarr.environments;

import homelabarr.db.SecretBox;
import homelabarr.db.Database;
import homelabarr.docker.Engine;
import homelabarr.errors.Refused;
import homelabarr.host.Host;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The Docker environments this server deploys to: the built-in {@code local} one (DOCKER_HOST) and those an admin
 * added. One {@link Engine} per environment, built when it is added or at start, closed when it goes. Each one's
 * status is checked in the background (every {@link #CHECK_EVERY}, bounded by {@link EnvironmentCheck#LIMIT}), so
 * no answer about one environment waits for another.
 */
public final class Environments implements AutoCloseable {
    public static final String LOCAL = "local";
    /** Not a name: lists take {@code ?env=all} for every environment. */
    public static final String ALL = "all";
    static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(Environments.class.getName());

    /** One environment now: target null when its TLS material could not be loaded (then {@code problem} says why). */
    private record Live(Target target, String kind, String address, boolean tls, String problem,
                        AtomicReference<EnvironmentCheck.Status> status) {
        EnvironmentCheck.Status current() {
            return status.get();
        }
    }

    private final EnvironmentStore store;
    /** Client keys are sealed for this slot: a sealed key copied into another table does not open. */
    private static final String CLIENT_KEY_SLOT = "environments/key";
    private final SecretBox keys;
    private final EnvironmentCheck checker;
    private final Path procNet;
    private final Clock clock;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final List<Consumer<String>> goneListeners = new CopyOnWriteArrayList<>();
    private final Thread checks;

    public Environments(Target local, String localAddress, Database db, Path dataDir, Path procNet, Clock clock) {
        this.store = new EnvironmentStore(db, clock);
        this.keys = SecretBox.inDataDir(dataDir);
        this.checker = new EnvironmentCheck(clock);
        this.procNet = procNet;
        this.clock = clock;
        live.put(LOCAL, new Live(local, "local", localAddress, false, null, fresh()));
        for (EnvironmentStore.Row row : store.all()) {
            live.put(row.name(), load(row));
        }
        this.checks = Thread.ofVirtual().name("environment-checks").start(this::checkForever);
    }

    /** The environment called {@code name}; 404 when there is none, 503 when its TLS material cannot be loaded. */
    public Target target(String name) {
        Live l = name == null ? null : live.get(name);
        if (l == null) {
            throw Refused.notFound("Unknown environment", "No environment named '"
                    + homelabarr.http.Printable.of(String.valueOf(name), 60) + "' (GET /environments lists them)");
        }
        if (l.target() == null) {
            throw Refused.unavailable("Environment not usable", l.problem());
        }
        return l.target();
    }

    /** Every usable environment, local first. */
    public List<Target> targets() {
        List<Target> out = new ArrayList<>();
        out.add(live.get(LOCAL).target());
        live.entrySet().stream().filter(e -> !e.getKey().equals(LOCAL) && e.getValue().target() != null)
                .sorted(Map.Entry.comparingByKey()).forEach(e -> out.add(e.getValue().target()));
        return out;
    }

    /** Environments listed but not usable (their TLS material could not be loaded at start). */
    public List<String> unusable() {
        return live.entrySet().stream().filter(e -> e.getValue().target() == null).map(Map.Entry::getKey).sorted().toList();
    }

    /** Called with an environment's name when it is removed or renamed: features drop what they built for it. */
    public void onGone(Consumer<String> listener) {
        goneListeners.add(listener);
    }

    /** Every environment's last known status; never waits for an engine (for {@code /health}). */
    public List<EnvironmentView> statuses() {
        return live.keySet().stream().sorted((a, b) -> LOCAL.equals(a) ? -1 : LOCAL.equals(b) ? 1 : a.compareTo(b))
                .map(name -> view(name, live.get(name))).filter(v -> v != null).toList();
    }

    /** The statuses, after checking those never checked (in parallel, bounded). */
    List<EnvironmentView> list() {
        List<Thread> first = new ArrayList<>();
        live.forEach((name, l) -> {
            if (l.current().lastChecked() == null) {
                first.add(Thread.ofVirtual().start(() -> check(name)));
            }
        });
        joinAll(first, EnvironmentCheck.LIMIT.multipliedBy(2).plusSeconds(1));
        return statuses();
    }

    EnvironmentView one(String name) {
        target(name);
        return view(name, live.get(name));
    }

    /** Checks {@code name} now and answers its new status. */
    EnvironmentView check(String name) {
        Live l = live.get(name);
        if (l == null) {
            throw Refused.notFound("Unknown environment", "No environment named '" + name + "'");
        }
        l.status().set(l.target() == null ? checker.unusable(l.problem()) : checker.check(l.target().engine()));
        return view(name, l);
    }

    /** Tries a connection without keeping it. */
    EnvironmentView test(EnvironmentRequest request) {
        Connection c = Connection.of(request);
        try (Engine engine = c.engine()) {
            EnvironmentCheck.Status s = checker.check(engine);
            String name = request.name() == null ? "" : request.name();
            return view(name, new Live(null, c.kind(), c.address(), c.tls() != null, null, new AtomicReference<>(s)));
        }
    }

    synchronized EnvironmentView add(EnvironmentRequest request, String who) {
        String name = EnvironmentName.parse(request.name());
        if (live.containsKey(name)) {
            throw Refused.conflict("Environment exists", "An environment named '" + name + "' exists already");
        }
        Connection c = Connection.of(request);
        EnvironmentStore.Row row = new EnvironmentStore.Row(name, c.address(), text(request.ca(), c), text(request.cert(), c),
                request.key() == null || c.tls() == null ? null : keys.seal(request.key(), CLIENT_KEY_SLOT),
                request.caPath(), request.certPath(), request.keyPath());
        store.add(row, who);
        live.put(name, withEngine(name, c));
        return check(name);
    }

    synchronized EnvironmentView rename(String from, String to) {
        String name = EnvironmentName.parse(to);
        if (LOCAL.equals(from)) {
            throw Refused.invalid("Built-in environment", "The local environment cannot be renamed");
        }
        Live l = live.get(from);
        if (l == null) {
            throw Refused.notFound("Unknown environment", "No environment named '" + from + "'");
        }
        if (live.containsKey(name)) {
            throw Refused.conflict("Environment exists", "An environment named '" + name + "' exists already");
        }
        store.rename(from, name);
        Target t = l.target();
        live.put(name, new Live(t == null ? null : new Target(name, t.engine(), t.host(), t.swarm()), l.kind(), l.address(),
                l.tls(), l.problem(), l.status()));
        live.remove(from);
        goneListeners.forEach(g -> g.accept(from));
        return view(name, live.get(name));
    }

    synchronized void remove(String name) {
        if (LOCAL.equals(name)) {
            throw Refused.invalid("Built-in environment", "The local environment cannot be removed");
        }
        Live l = live.get(name);
        if (l == null) {
            throw Refused.notFound("Unknown environment", "No environment named '" + name + "'");
        }
        if (store.running(name) > 0) {
            throw Refused.conflict("Deployment in progress", "A deployment to '" + name + "' is running; wait for it "
                    + "to end (or cancel it) before removing the environment");
        }
        store.remove(name);
        live.remove(name);
        goneListeners.forEach(g -> g.accept(name));
        if (l.target() != null) {
            close(l.target());
        }
    }

    private static void close(Target t) {
        t.engine().close();
        t.swarm().close();
    }

    private static String text(String pem, Connection c) {
        return c.tls() == null ? null : pem;
    }

    private static AtomicReference<EnvironmentCheck.Status> fresh() {
        return new AtomicReference<>(EnvironmentCheck.Status.UNCHECKED);
    }

    /** At start: a stored environment whose key no longer opens, or whose files went, is listed but not usable. */
    private Live load(EnvironmentStore.Row row) {
        try {
            Connection c = row.tls() ? new Connection(row.address(), TlsMaterial.parse(
                    pemOf("ca", row.ca(), row.caPath()), pemOf("cert", row.cert(), row.certPath()),
                    row.sealedKey() != null ? keys.open(row.sealedKey(), CLIENT_KEY_SLOT) : Connection.read("key", row.keyPath())))
                    : new Connection(row.address(), null);
            return withEngine(row.name(), c);
        } catch (RuntimeException e) {
            String problem = "Its TLS material cannot be loaded (" + (e instanceof Refused r ? r.details()
                    : e.getMessage()) + "): remove it and add it again";
            LOG.log(System.Logger.Level.WARNING, "Environment " + row.name() + ": " + problem);
            return new Live(null, row.tls() ? "tcp+tls" : "socket", row.address(), row.tls(), problem, fresh());
        }
    }

    private static String pemOf(String field, String text, String path) {
        return text != null ? text : Connection.read(field, path);
    }

    private Live withEngine(String name, Connection c) {
        Engine engine = c.engine();
        // a remote host's files are not this server's: paths are judged as written, folders left to the engine
        Host host = new Host(Host.Mode.REMOTE, engine, null, false, procNet, clock);
        return new Live(new Target(name, engine, host, c.swarmEngine()), c.kind(), c.address(), c.tls() != null, null, fresh());
    }

    private static EnvironmentView view(String name, Live l) {
        if (l == null) {
            return null;
        }
        EnvironmentCheck.Status s = l.current();
        return new EnvironmentView(name, l.kind(), l.address(), LOCAL.equals(name), l.tls(), s.reachable(),
                s.engineVersion(), s.apiVersion(), s.swarmRole(), s.lastError(), s.lastChecked());
    }

    private void checkForever() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Thread> round = new ArrayList<>();
                live.keySet().forEach(name -> round.add(Thread.ofVirtual().name("environment-check-" + name)
                        .start(() -> quietly(name))));
                joinAll(round, EnvironmentCheck.LIMIT.multipliedBy(3));
                Thread.sleep(CHECK_EVERY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void quietly(String name) {
        try {
            check(name);
        } catch (RuntimeException e) {
            // removed meanwhile
        }
    }

    private static void joinAll(List<Thread> threads, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        checks.interrupt();
        live.forEach((name, l) -> {
            if (LOCAL.equals(name)) {
                // local's engine is App's (every part uses it); its swarm side is used through environments alone
                l.target().swarm().close();
            } else if (l.target() != null) {
                close(l.target());
            }
        });
    }
}
