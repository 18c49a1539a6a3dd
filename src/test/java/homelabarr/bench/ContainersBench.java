package homelabarr.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency of {@code GET /containers?stats=true&app=<label>} against a running server, for the N containers that
 * scripts/bench.sh started with that {@code homelabarr.app} label (so other containers on a shared engine do not
 * change N):
 * <ul>
 * <li>cold: the first request to a server just started (no stats streams open yet), and how many of the N containers
 * came back without a CPU figure in that answer;</li>
 * <li>warm: the median of 20 later requests, 250 ms apart, each checked to carry all N figures.</li>
 * </ul>
 * Not a test: scripts/bench.sh runs it (scripts/bench-containers.sh runs only this part). Talks to the server only
 * over HTTP.
 */
public final class ContainersBench {
    private static final int WARM_SAMPLES = 20;

    public static void main(String[] args) throws Exception {
        Api api = Api.fromEnv();
        String prefix = Api.env("BENCH_PREFIX", "ours");
        String app = Api.env("STATS_APP", "bench-stats");
        int expected = Integer.parseInt(Api.env("STATS_EXPECT", "1"));
        String token = api.login("admin", Api.env("BENCH_PASSWORD", ""));
        String path = "/containers?stats=true&app=" + app;

        Sample cold = timed(api, token, path, expected);
        List<Double> warm = new ArrayList<>();
        int warmMissing = 0;
        for (int i = 0; i < WARM_SAMPLES; i++) {
            Thread.sleep(250);
            Sample s = timed(api, token, path, expected);
            warm.add(s.seconds());
            warmMissing += s.missing();
        }
        String n = ".n" + expected;
        Results.put(prefix + ".stats.cold_s" + n, cold.seconds());
        Results.put(prefix + ".stats.cold_missing" + n, cold.missing());
        Results.put(prefix + ".stats.warm_s" + n, Results.median(warm));
        Results.put(prefix + ".stats.warm_missing" + n, warmMissing);
        System.out.printf("%d containers: first %.3f s (%d without figures), warm median %.3f s (%.3f–%.3f)%n", expected,
                cold.seconds(), cold.missing(), Results.median(warm), Results.percentile(warm, 0),
                Results.percentile(warm, 100));
    }

    record Sample(double seconds, int missing) {
    }

    private static Sample timed(Api api, String token, String path, int expected) throws Exception {
        long start = System.nanoTime();
        Api.Answer res = api.get(path, token);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (res.status() != 200) {
            throw new IllegalStateException(path + " answered " + res.status() + " " + Api.abbreviate(res.body()));
        }
        int listed = 0;
        int withStats = 0;
        for (JsonNode c : res.json().get("data")) {
            listed++;
            if (c.path("stats").path("cpuPercent").isNumber() && c.path("stats").path("memoryUsedBytes").isNumber()) {
                withStats++;
            }
        }
        if (listed != expected) {
            throw new IllegalStateException("expected " + expected + " containers, the server listed " + listed);
        }
        return new Sample(seconds, expected - withStats);
    }
}
