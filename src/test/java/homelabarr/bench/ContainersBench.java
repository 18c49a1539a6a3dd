package homelabarr.bench;

import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency of {@code GET /containers?stats=true} for 1, 10, 50 and 100 running containers, and requests/s of it and
 * of plain {@code GET /containers}. Not a test: run with scripts/bench-containers.sh. Prints Markdown for
 * docs/benchmarks.md.
 * <ul>
 * <li>"first": a fresh server (no stats streams open), so the request opens one per container and waits for each
 * one's second frame (the first with precpu);</li>
 * <li>"warm": later requests, 250 ms apart over 5 s, served from the streams' latest frames.</li>
 * </ul>
 * Requests filter by this run's app label so other containers on a shared engine do not change N.
 */
@NeedsDocker
public final class ContainersBench {
    private static final int[] SIZES = {1, 10, 50, 100};
    private static final int WARM_SAMPLES = 20;

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("hlr-bench");
        try (DockerFixture docker = new DockerFixture()) {
            String app = "bench-" + docker.runId();
            List<String> ids = new ArrayList<>();
            System.out.println("| containers | first request (s) | warm: median (min–max) (s) | stats streams opened |");
            System.out.println("|---:|---:|---:|---:|");
            List<String> rates = new ArrayList<>();
            for (int size : SIZES) {
                grow(docker, app, ids, size);
                Thread.sleep(2000);  // let the engine settle after starting containers
                try (TestServer server = TestServer.start(Files.createTempDirectory(data, "n" + size))) {
                    String path = "/containers?stats=true&app=" + app;
                    double first = timed(server, path, size);
                    List<Double> warm = new ArrayList<>();
                    for (int i = 0; i < WARM_SAMPLES; i++) {
                        Thread.sleep(250);
                        warm.add(timed(server, path, size));
                    }
                    Collections.sort(warm);
                    System.out.printf("| %d | %.2f | %.3f (%.3f–%.3f) | %d |%n", size, first,
                            warm.get(warm.size() / 2), warm.getFirst(), warm.getLast(),
                            server.app().containers().engineStatsRequests());
                    for (int clients : new int[]{1, 8}) {
                        rates.add(String.format("GET %s (%d containers), %d client(s): %.0f requests/s", path, size,
                                clients, throughput(server, path, clients, Duration.ofSeconds(5))));
                    }
                }
            }
            System.out.println();
            rates.forEach(System.out::println);
            try (TestServer server = TestServer.start(Files.createTempDirectory(data, "rps"))) {
                int total = server.get("/containers").json().get("total").asInt();
                for (int clients : new int[]{1, 8}) {
                    System.out.printf("%nplain GET /containers (%d containers on the engine), %d client(s): %.0f requests/s%n",
                            total, clients, throughput(server, "/containers", clients, Duration.ofSeconds(10)));
                }
            }
        }
    }

    private static void grow(DockerFixture docker, String app, List<String> ids, int size) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> started = new ArrayList<>();
            for (int i = ids.size(); i < size; i++) {
                started.add(pool.submit(() -> docker.run(docker.name("bench"),
                        cmd -> cmd.withLabels(Map.of("homelabarr.app", app)), DockerFixture.IDLE)));
            }
            for (Future<String> f : started) {
                ids.add(f.get());
            }
        }
    }

    private static double timed(TestServer server, String path, int expected) {
        long start = System.nanoTime();
        Http.Response res = server.get(path);
        double seconds = (System.nanoTime() - start) / 1e9;
        long withStats = 0;
        for (var c : res.json().get("data")) {
            if (c.has("stats") && c.get("stats").get("cpuPercent").isNumber()) {
                withStats++;
            }
        }
        if (res.status() != 200 || withStats != expected) {
            throw new IllegalStateException("expected " + expected + " containers with stats, got " + withStats);
        }
        return seconds;
    }

    private static double throughput(TestServer server, String path, int clients, Duration duration) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (server.get(path).status() == 200) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return done.get() / (duration.toNanos() / 1e9);
    }
}
