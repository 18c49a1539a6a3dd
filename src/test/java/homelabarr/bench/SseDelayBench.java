package homelabarr.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
        List<Subscriber> results;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Subscriber>> running = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                running.add(pool.submit(() -> follow(api, id)));
            }
            results = new ArrayList<>();
            for (Future<Subscriber> f : running) {
                try {
                    results.add(f.get(180, TimeUnit.SECONDS));
                } catch (Exception e) {
                    results.add(new Subscriber(List.of(), 0, false, 0, e.toString()));
                }
            }
        }
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
        String status = api.get("/deployments/" + id, token).json().path("data").path("status").asText();
        api.delete("/applications/" + app, token);
        Results.put(prefix + ".sse.subscribers", subscribers);
        Results.put(prefix + ".sse.ended", complete);
        Results.put(prefix + ".sse.missing_events", short_);
        Results.put(prefix + ".sse.samples", delays.size());
        Results.put(prefix + ".sse.p50_ms", Results.percentile(delays, 50));
        Results.put(prefix + ".sse.p99_ms", Results.percentile(delays, 99));
        Results.put(prefix + ".sse.max_ms", delays.isEmpty() ? Double.NaN : delays.getLast());
        System.out.printf("deployment %s ended %s; %d events; %d of %d subscribers saw the end; %d missed events%s%n",
                id, status, maxSeq, complete, subscribers, short_, problem == null ? "" : "; first problem: " + problem);
    }

    record Subscriber(List<Double> delaysMs, long events, boolean ended, long lastSeq, String problem) {
    }

    private static Subscriber follow(Api api, String id) {
        List<Double> delays = new ArrayList<>();
        long events = 0;
        long lastSeq = 0;
        boolean ended = false;
        try {
            HttpResponse<InputStream> res = api.http.send(api.request("/stream/progress?deploymentId=" + id, null)
                    .timeout(java.time.Duration.ofSeconds(170)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            Instant opened = Instant.now();
            if (res.statusCode() != 200) {
                return new Subscriber(delays, 0, false, 0, "status " + res.statusCode());
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String event = "";
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        Instant now = Instant.now();
                        JsonNode data = Api.JSON.readTree(line.substring(5));
                        events++;
                        lastSeq = Math.max(lastSeq, data.path("seq").asLong());
                        Instant at = Instant.parse(data.get("at").asText());
                        if (at.isAfter(opened)) {
                            delays.add(java.time.Duration.between(at, now).toNanos() / 1e6);
                        }
                        if (event.equals("complete") || event.equals("error")) {
                            ended = true;
                        }
                    }
                }
            }
            return new Subscriber(delays, events, ended, lastSeq, null);
        } catch (Exception e) {
            return new Subscriber(delays, events, ended, lastSeq, e.toString());
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
