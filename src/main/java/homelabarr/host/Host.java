package homelabarr.host;

import homelabarr.docker.Engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker host as this server can reach it: its files (for the deploy policy and app folders) and the ports
 * its processes listen on. Three situations (see docs/operations.md):
 * <ul>
 * <li>{@link Mode#LOCAL}: the server runs on the host, the engine is on a local socket: files and ports directly;</li>
 * <li>{@link Mode#CONTAINER}: the server runs in a container of that engine: helper containers of its own image
 *     look at the host for it (ports directly when it shares the host's network);</li>
 * <li>{@link Mode#REMOTE}: the engine is elsewhere: paths are judged as written, folders are left to the engine,
 *     and only ports published by containers are known.</li>
 * </ul>
 */
public final class Host {
    public enum Mode { LOCAL, CONTAINER, REMOTE }

    private static final Duration LISTENERS_FRESH = Duration.ofSeconds(2);
    private static final Pattern CONTAINER_ID = Pattern.compile("/containers/([0-9a-f]{64})/");
    private final Mode mode;
    private final LocalFiles local;
    private final HelperFiles helpers;
    private final boolean hostNetwork;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(Optional<List<Listener>> listeners, Instant at) {
    }

    /**
     * @param helperImage the image helper containers run (this server's own) in {@link Mode#CONTAINER}, else null
     * @param hostNetwork whether this process shares the host's network namespace
     */
    public Host(Mode mode, Engine engine, String helperImage, boolean hostNetwork, Path procNet, Clock clock) {
        this.mode = mode;
        this.local = new LocalFiles(procNet);
        this.helpers = helperImage == null ? null : new HelperFiles(engine, helperImage);
        this.hostNetwork = hostNetwork;
        this.clock = clock;
    }

    /**
     * Works out where this server runs: in a container when its mount table names one (Docker bind-mounts
     * /etc/hostname from /var/lib/docker/containers/ID/), and the engine knows that container.
     */
    public static Host detect(Engine engine, boolean localEngine, Path mountInfo, Path procNet, Clock clock) {
        Optional<String> ownId = ownContainerId(mountInfo);
        if (ownId.isPresent()) {
            Optional<Engine.SelfInfo> self = selfInfo(engine, ownId.get());
            if (self.isPresent()) {
                boolean hostNetwork = "host".equals(self.get().networkMode());
                return new Host(Mode.CONTAINER, engine, self.get().image(), hostNetwork, procNet, clock);
            }
            return new Host(Mode.REMOTE, engine, null, false, procNet, clock);
        }
        return new Host(localEngine ? Mode.LOCAL : Mode.REMOTE, engine, null, localEngine, procNet, clock);
    }

    private static Optional<Engine.SelfInfo> selfInfo(Engine engine, String id) {
        try {
            return engine.self(id);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> ownContainerId(Path mountInfo) {
        try {
            for (String line : Files.readAllLines(mountInfo)) {
                if (line.contains(" /etc/hostname ")) {
                    Matcher m = CONTAINER_ID.matcher(line);
                    if (m.find()) {
                        return Optional.of(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            // not Linux, or /proc hidden: not in a container we can recognise
        }
        return Optional.empty();
    }

    public Mode mode() {
        return mode;
    }

    /** Whether this server can look at the host's files at all (else paths are judged as written). */
    public boolean seesFiles() {
        return mode != Mode.REMOTE;
    }

    /** Each path as the engine will find it. A path that cannot be looked at is marked, never dropped. */
    public Map<String, HostFile> inspect(List<String> paths) {
        Map<String, HostFile> out = new LinkedHashMap<>();
        List<String> distinct = paths.stream().distinct().toList();
        switch (mode) {
            case LOCAL -> distinct.forEach(p -> out.put(p, local.inspect(p)));
            case REMOTE -> distinct.forEach(p -> out.put(p, HostFile.asWritten(p)));
            case CONTAINER -> {
                if (distinct.isEmpty()) {
                    return out;
                }
                try {
                    out.putAll(helpers.inspect(distinct));
                } catch (IOException e) {
                    distinct.forEach(p -> out.put(p, HostFile.unresolvable(p, e.getMessage())));
                }
            }
        }
        return out;
    }

    /** Creates missing folders owned by uid:gid; empty when the engine is left to do it (remote). */
    public List<Path> createFolders(List<FolderRequest> requests, int uid, int gid) throws IOException {
        if (requests.isEmpty()) {
            return List.of();
        }
        return switch (mode) {
            case LOCAL -> local.createFolders(requests, uid, gid);
            case CONTAINER -> helpers.createFolders(requests, uid, gid);
            case REMOTE -> List.of();
        };
    }

    /**
     * What listens on the host; empty when it cannot be seen (a remote engine). {@code fresh}: look now (a deploy's
     * preflight); otherwise an answer up to two seconds old will do (the public port list, which is polled).
     */
    public Optional<List<Listener>> listeners(boolean fresh) {
        Cached now = cached;
        if (!fresh && now != null && now.at().plus(LISTENERS_FRESH).isAfter(clock.instant())) {
            return now.listeners();
        }
        Optional<List<Listener>> seen = switch (mode) {
            case LOCAL -> local.listeners();
            case CONTAINER -> hostNetwork ? local.listeners() : helpers.listeners();
            case REMOTE -> Optional.empty();
        };
        cached = new Cached(seen.map(List::copyOf), clock.instant());
        return seen;
    }
}
