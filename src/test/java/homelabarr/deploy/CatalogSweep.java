package homelabarr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.catalog.AppTemplate;
import homelabarr.catalog.BuiltinTemplates;
import homelabarr.catalog.ImageRef;
import homelabarr.catalog.TemplateParser;

import homelabarr.testing.DockerFixture;
import homelabarr.testing.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The catalog sweep: deploys catalog apps through the real server onto the real engine, each in the modes asked
 * for, with stand-in images (see {@link StandIns}), and sorts every outcome ({@link SweepOutcome}). One app's
 * modes run one after the other; apps run on a few threads. Sweeps of different worktrees on one engine take
 * turns (a file lock), because catalog apps have fixed container names.
 */
final class CatalogSweep {
    static final String PROXY_NETWORK_PREFIX = "hlr-sweep-proxy-";
    private static final Path LOCK = Path.of("/var/tmp/homelabarr-catalog-sweep.lock");
    private final Path root;
    private final int threads;
    private final String verifyTimeout;

    /** One app in one mode. */
    record Case(AppTemplate app, String mode) {
        String label() {
            return app.id() + " (" + mode + ")";
        }
    }

    record Result(Case sweepCase, SweepOutcome outcome, String detail, long millis) {
    }

    /** @param verifyTimeout DEPLOY_VERIFY_TIMEOUT of the server: how long a stand-in may take to fail a healthcheck */
    CatalogSweep(Path root, int threads, String verifyTimeout) {
        this.root = root;
        this.threads = threads;
        this.verifyTimeout = verifyTimeout;
    }

    static List<AppTemplate> catalog() {
        try {
            return new BuiltinTemplates().loadFrom(Path.of("catalog"), new TemplateParser()).apps();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Result> run(List<Case> cases) throws Exception {
        Files.createDirectories(LOCK.getParent());
        try (FileChannel lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            return runLocked(cases);
        }
    }

    private List<Result> runLocked(List<Case> cases) throws Exception {
        String network = PROXY_NETWORK_PREFIX + Long.toString(System.nanoTime(), 36);
        Map<String, Set<String>> before = HostFolders.snapshot();
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        Set<ImageRef> images = new LinkedHashSet<>();
        cases.forEach(c -> c.app().defaults().services().values().forEach(s -> images.add(parse(s.image()))));
        TestServer server = TestServer.builder(root.resolve("data")).forDeploys()
                .env("DEPLOY_VERIFY_TIMEOUT", verifyTimeout).env("TRAEFIK_NETWORK", network).start();
        try (server; StandIns standIns = new StandIns(server.docker().client(), images)) {
            System.out.println("Catalog sweep: " + cases.size() + " deployments of " + byApp(cases).size() + " apps, "
                    + standIns.created() + " stand-in tags, " + threads + " threads");
            SweepRun run = new SweepRun(server, root, network);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (List<Case> appCases : byApp(cases).values()) {
                work.add(pool.submit(() -> appCases.forEach(c -> {
                    Result r = run.deploy(c);
                    results.add(r);
                    System.out.printf("  %-55s %-20s %6d ms %s%n", c.label(), r.outcome().column(), r.millis(),
                            r.detail() == null ? "" : r.detail());
                })));
            }
            pool.shutdown();
            for (Future<?> f : work) {
                f.get();
            }
            run.cleanup();
        } finally {
            removeNetwork(network);
        }
        List<String> strays = HostFolders.created(before, HostFolders.snapshot());
        if (!strays.isEmpty()) {
            // informational: on a shared machine other programs (apt, other tests) make folders too; the faults are
            // the folders a deployment's own bind mounts made, checked around each deployment
            System.out.println("Catalog sweep: new top-level host folders appeared during the run (not necessarily "
                    + "from the sweep): " + strays);
        }
        results.sort(Comparator.comparing(r -> r.sweepCase() == null ? "~" : r.sweepCase().label()));
        return results;
    }

    private static Map<String, List<Case>> byApp(List<Case> cases) {
        Map<String, List<Case>> out = new LinkedHashMap<>();
        cases.forEach(c -> out.computeIfAbsent(c.app().id(), k -> new ArrayList<>()).add(c));
        return out;
    }

    private static ImageRef parse(String image) {
        try {
            return ImageRef.parse(image);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void removeNetwork(String network) {
        try (DockerFixture docker = new DockerFixture()) {
            docker.removeNetwork(network);
        }
    }

    /** Recursively deletes {@code dir}; used on the sweep's own temporary folder. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file a container made read-only for us: left in the temporary folder
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode field(JsonNode node, String name) {
        return node == null ? null : node.get(name);
    }
}
