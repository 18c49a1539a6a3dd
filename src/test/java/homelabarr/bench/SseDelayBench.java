package homelabarr.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * {@code SSE_SUBSCRIBERS} (500) clients follow one deployment's {@code /stream/progress}. The deployed test app
 * (scripts/bench.sh writes its template) waits 3 s, prints 100 lines 0.1 s apart and only then turns healthy, so its
 * deployment sends a log event every 0.1 s while all subscribers listen. An event's delay is the time a subscriber
 * read it minus the event's own {@code at} (the server's clock, the same machine's); only events stamped after that
 * subscriber's stream opened count (earlier ones are history, replayed at once). Also checked: every subscriber saw
 * the stream end and got every event (no gaps in the sequence numbers).
 */
public final class SseDelayBench {
    public static void main(String[] args) throws Exception {
        Api api = Api.fromEnv();
        String prefix = Api.env("BENCH_PREFIX", "ours");
        String token = api.login("admin", Api.env("BENCH_PASSWORD", ""));
        String app = Api.env("SSE_APP", "myapps-bench-sse");
        int subscribers = Integer.parseInt(Api.env("SSE_SUBSCRIBERS", "500"));

        Api.Answer accepted = api.post("/deploy", token, """
                {"appId": "%s", "config": {"WEBUI_PORT": "%d"}}""".formatted(app, freePort()));
        if (accepted.status() != 202) {
            throw new IllegalStateException("deploy refused: " + accepted.status() + " " + Api.abbreviate(accepted.body()));
        }
        String id = accepted.json().get("deploymentId").asText();
        List<Subscriber> results = SseSubscribers.follow(URI.create(api.base), id, subscribers);
        List<Double> delays = new ArrayList<>();
        long complete = 0;
        long maxSeq = results.stream().mapToLong(Subscriber::lastSeq).max().orElse(0);
        long short_ = 0;
        String problem = null;
        for (Subscriber s : results) {
            delays.addAll(s.delaysMs());
            if (s.ended()) {
                complete++;
            }
            if (s.events() < maxSeq) {
                short_++;
            }
            if (s.problem() != null && problem == null) {
                problem = s.problem();
            }
        }
        Collections.sort(delays);
        // steady state: the log lines sent while every subscriber listened, apart from the connection storm at the
        // start (events then also wait for 500 connections to be accepted) and the closing events (500 closes)
        Instant allOpen = results.stream().map(Subscriber::opened).max(Comparator.naturalOrder()).orElse(Instant.MAX);
        List<Double> steady = new ArrayList<>(results.stream().flatMap(r -> r.logs().stream())
                .filter(l -> l.at().isAfter(allOpen)).map(Stamped::delayMs).toList());
        Collections.sort(steady);
        String status = api.get("/deployments/" + id, token).json().path("data").path("status").asText();
        api.delete("/applications/" + app, token);
        Results.put(prefix + ".sse.subscribers", subscribers);
        Results.put(prefix + ".sse.ended", complete);
        Results.put(prefix + ".sse.missing_events", short_);
        Results.put(prefix + ".sse.samples", delays.size());
        Results.put(prefix + ".sse.p50_ms", Results.percentile(delays, 50));
        Results.put(prefix + ".sse.p99_ms", Results.percentile(delays, 99));
        Results.put(prefix + ".sse.max_ms", delays.isEmpty() ? Double.NaN : delays.getLast());
        Results.put(prefix + ".sse.steady_samples", steady.size());
        Results.put(prefix + ".sse.steady_p50_ms", Results.percentile(steady, 50));
        Results.put(prefix + ".sse.steady_p99_ms", Results.percentile(steady, 99));
        System.out.printf("deployment %s ended %s; %d events; %d of %d subscribers saw the end; %d missed events%s%n",
                id, status, maxSeq, complete, subscribers, short_, problem == null ? "" : "; first problem: " + problem);
    }

    /** {@code logs}: the delays of log events with their stamps, for the steady-state figure. */
    record Subscriber(List<Double> delaysMs, List<Stamped> logs, Instant opened, long events, boolean ended, long lastSeq,
                      String problem) {
    }

    record Stamped(Instant at, double delayMs) {
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
