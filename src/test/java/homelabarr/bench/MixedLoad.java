package homelabarr.bench;


import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mixed load: {@code MIX_SECONDS} (60) of 200 clients at once, each in a closed loop without pauses: 120 read the
 * catalog ({@code GET /applications}), 50 list containers with stats ({@code GET /containers?stats=true}), 20 sign
 * in ({@code POST /auth/login}, right password), 10 deploy a test app each (own template, busybox httpd), follow its
 * progress stream to the end and undeploy it. Counted: answers by class (5xx must be zero), transport errors,
 * latency p50/p99 per kind, and lost deployments: a deployment accepted with 202 that, 120 s after the load, is not
 * found or not in an end state. With {@code SERVER_PID} it reads the server's resident memory ({@code VmRSS}) before,
 * at the end of the load, and 30 s after it.
 */
public final class MixedLoad {
    private static final Set<String> ENDED = Set.of("succeeded", "failed", "rolled-back", "cancelled", "interrupted");

    static final class Kind {
        final String name;
        final AtomicLong ok = new AtomicLong();
        final AtomicLong client = new AtomicLong();
        final AtomicLong server = new AtomicLong();
        final AtomicLong broken = new AtomicLong();
        final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        volatile String firstProblem;

        Kind(String name) {
            this.name = name;
        }

        void count(int status, long startNanos) {
            millis.add((System.nanoTime() - startNanos) / 1e6);
            if (status >= 500) {
                server.incrementAndGet();
                firstProblem = firstProblem == null ? "status " + status : firstProblem;
            } else if (status >= 400) {
                client.incrementAndGet();
            } else {
                ok.incrementAndGet();
            }
        }

        void failed(Exception e) {
            broken.incrementAndGet();
            firstProblem = firstProblem == null ? e.toString() : firstProblem;
        }
    }

    public static void main(String[] args) throws Exception {
        Api api = Api.fromEnv();
        String prefix = Api.env("BENCH_PREFIX", "ours");
        String password = Api.env("BENCH_PASSWORD", "");
        int seconds = Integer.parseInt(Api.env("MIX_SECONDS", "60"));
        int catalogClients = Integer.parseInt(Api.env("MIX_CATALOG", "120"));
        int containerClients = Integer.parseInt(Api.env("MIX_CONTAINERS", "50"));
        int loginClients = Integer.parseInt(Api.env("MIX_LOGIN", "20"));
        int deployClients = Integer.parseInt(Api.env("MIX_DEPLOY", "10"));
        int settleSeconds = Integer.parseInt(Api.env("MIX_SETTLE", "30"));
        String pid = System.getenv("SERVER_PID");
        String token = api.login("admin", password);

        Kind catalog = new Kind("catalog");
        Kind containers = new Kind("containers");
        Kind logins = new Kind("login");
        Kind deploys = new Kind("deploy");
        Map<String, String> accepted = new ConcurrentHashMap<>();
        AtomicLong peakRss = new AtomicLong();
        double rssBefore = rssMiB(pid);
        long end = System.nanoTime() + seconds * 1_000_000_000L;

        Thread sampler = Thread.ofVirtual().start(() -> {
            while (System.nanoTime() < end) {
                peakRss.accumulateAndGet((long) rssMiB(pid), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        double rssAtEnd;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < catalogClients; i++) {
                pool.submit(() -> loop(end, catalog, () -> api.get("/applications", null).status()));
            }
            for (int i = 0; i < containerClients; i++) {
                pool.submit(() -> loop(end, containers, () -> api.get("/containers?stats=true", token).status()));
            }
            String body = Api.JSON.createObjectNode().put("username", "admin").put("password", password).toString();
            for (int i = 0; i < loginClients; i++) {
                pool.submit(() -> loop(end, logins, () -> api.post("/auth/login", null, body).status()));
            }
            for (int i = 1; i <= deployClients; i++) {
                String app = "myapps-bench-web-" + i;
                pool.submit(() -> deployLoop(api, token, app, end, deploys, accepted));
            }
            pool.submit(() -> {
                long left = end - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(left / 1_000_000);
                }
                return null;
            });
            pool.shutdown();
            pool.awaitTermination(seconds + 5L, java.util.concurrent.TimeUnit.SECONDS);
            rssAtEnd = rssMiB(pid);  // the request loops have stopped; deployments under way may still finish
        }
        sampler.interrupt();

        // lost deployments: every accepted one must be found, in an end state, within 120 s after the load
        long lost = 0;
        long succeeded = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (String id : accepted.keySet()) {
            String status = "";
            while (System.nanoTime() < deadline) {
                Api.Answer a = api.get("/deployments/" + id, token);
                status = a.status() == 200 ? a.json().path("data").path("status").asText() : "missing " + a.status();
                if (ENDED.contains(status) || status.startsWith("missing")) {
                    break;
                }
                Thread.sleep(500);
            }
            if (!ENDED.contains(status)) {
                lost++;
                System.out.println("lost deployment " + id + " of " + accepted.get(id) + ": " + status);
            } else if (status.equals("succeeded")) {
                succeeded++;
            }
        }
        for (int i = 1; i <= deployClients; i++) {
            api.delete("/applications/myapps-bench-web-" + i, token);
        }
        long settleEnd = System.nanoTime() + settleSeconds * 1_000_000_000L;
        while (System.nanoTime() < settleEnd) {
            Thread.sleep(200);
        }
        double rssAfter = rssMiB(pid);

        long server5xx = 0;
        for (Kind k : List.of(catalog, containers, logins, deploys)) {
            long n = k.ok.get() + k.client.get() + k.server.get();
            server5xx += k.server.get();
            Results.put(prefix + ".mixed." + k.name + ".requests", n);
            Results.put(prefix + ".mixed." + k.name + ".rps", n / (double) seconds);
            Results.put(prefix + ".mixed." + k.name + ".4xx", k.client.get());
            Results.put(prefix + ".mixed." + k.name + ".5xx", k.server.get());
            Results.put(prefix + ".mixed." + k.name + ".errors", k.broken.get());
            Results.put(prefix + ".mixed." + k.name + ".p50_ms", Results.percentile(k.millis, 50));
            Results.put(prefix + ".mixed." + k.name + ".p99_ms", Results.percentile(k.millis, 99));
            System.out.printf("%-10s %7d answers (%d 4xx, %d 5xx), %d transport errors, p50 %.1f ms, p99 %.1f ms%s%n",
                    k.name, n, k.client.get(), k.server.get(), k.broken.get(), Results.percentile(k.millis, 50),
                    Results.percentile(k.millis, 99), k.firstProblem == null ? "" : "; first problem: " + k.firstProblem);
        }
        Results.put(prefix + ".mixed.5xx", server5xx);
        Results.put(prefix + ".mixed.deploys_accepted", accepted.size());
        Results.put(prefix + ".mixed.deploys_succeeded", succeeded);
        Results.put(prefix + ".mixed.deploys_lost", lost);
        if (pid != null) {
            Results.put(prefix + ".mixed.rss_before_mib", rssBefore);
            Results.put(prefix + ".mixed.rss_peak_mib", Math.max(peakRss.get(), rssAtEnd));
            Results.put(prefix + ".mixed.rss_end_mib", rssAtEnd);
            Results.put(prefix + ".mixed.rss_after_mib", rssAfter);
        }
    }

    interface Call {
        int status() throws Exception;
    }

    private static Void loop(long end, Kind kind, Call call) {
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try {
                kind.count(call.status(), start);
            } catch (Exception e) {
                kind.failed(e);
            }
        }
        return null;
    }

    /** Deploys, follows the stream to its end, undeploys; again until the load ends. */
    private static Void deployLoop(Api api, String token, String app, long end, Kind kind, Map<String, String> accepted) {
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try {
                Api.Answer a = api.post("/deploy", token, """
                        {"appId": "%s", "config": {"WEBUI_PORT": "%d"}}""".formatted(app, SseDelayBench.freePort()));
                kind.count(a.status(), start);
                if (a.status() != 202) {
                    Thread.sleep(200);
                    continue;
                }
                String id = a.json().get("deploymentId").asText();
                accepted.put(id, app);
                HttpResponse<InputStream> stream = api.http.send(api.request("/stream/progress?deploymentId=" + id,
                        null).timeout(java.time.Duration.ofSeconds(180)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    while (in.readLine() != null) {
                        // read to the end of the stream: the deployment has finished
                    }
                }
                long undeploy = System.nanoTime();
                kind.count(api.delete("/applications/" + app, token).status(), undeploy);
            } catch (Exception e) {
                kind.failed(e);
            }
        }
        return null;
    }

    /** The process's resident memory in MiB, from /proc/PID/status; NaN without a pid. */
    static double rssMiB(String pid) {
        if (pid == null || pid.isBlank()) {
            return Double.NaN;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

}
