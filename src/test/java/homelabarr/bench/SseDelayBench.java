package homelabarr.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
                    results.add(new Subscriber(List.of(), List.of(), Instant.MAX, 0, false, 0, e.toString()));
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

    /**
     * One subscriber on a plain socket read by its own virtual thread: the JDK's HttpClient hands every chunk from
     * its one selector thread through an executor and a queue to the reading thread, and with 500 streams that hand-
     * off, not the server, made most of the measured delay (p50 22 ms against 8 ms of the server's own fan-out).
     */
    private static Subscriber follow(Api api, String id) {
        List<Double> delays = new ArrayList<>();
        List<Stamped> logs = new ArrayList<>();
        Instant opened = Instant.MAX;
        long events = 0;
        long lastSeq = 0;
        boolean ended = false;
        URI base = URI.create(api.base);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(170_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /stream/progress?deploymentId=" + id + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream raw = new BufferedInputStream(socket.getInputStream());
            String status = asciiLine(raw);
            opened = Instant.now();
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                return new Subscriber(delays, logs, Instant.MAX, 0, false, 0, "status line " + status);
            }
            boolean chunked = false;
            for (String h; (h = asciiLine(raw)) != null && !h.isEmpty(); ) {
                chunked |= h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:") && h.contains("chunked");
            }
            InputStream body = chunked ? new Chunked(raw) : raw;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
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
                            double ms = java.time.Duration.between(at, now).toNanos() / 1e6;
                            delays.add(ms);
                            if (event.equals("log")) {
                                logs.add(new Stamped(at, ms));
                            }
                        }
                        if (event.equals("complete") || event.equals("error")) {
                            ended = true;
                            break;
                        }
                    }
                }
            }
            return new Subscriber(delays, logs, opened, events, ended, lastSeq, null);
        } catch (Exception e) {
            return new Subscriber(delays, logs, opened, events, ended, lastSeq, e.toString());
        }
    }

    /** A header line (CRLF-terminated, ASCII); null at the end of the stream. */
    private static String asciiLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.isEmpty() ? null : line.toString();
    }

    /** The body of a chunked HTTP/1.1 answer (RFC 9112 §7.1); trailers are skipped. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = asciiLine(in);
                if (size == null) {
                    done = true;
                    return -1;
                }
                if (size.isEmpty()) {  // the CRLF after the previous chunk's data
                    size = asciiLine(in);
                }
                int ext = size == null ? -1 : size.indexOf(';');
                left = size == null ? 0 : Long.parseLong((ext < 0 ? size : size.substring(0, ext)).strip(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n == -1) {
                done = true;
                return -1;
            }
            left -= n;
            return n;
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
