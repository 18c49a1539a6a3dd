package homelabarr.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Many subscribers of one deployment's {@code /stream/progress}, each on its own connection, all read by one thread
 * through one selector. The benchmark runs on the server's two cores: with a virtual thread per subscriber the
 * client's own wake-ups and hand-offs spent about twice the server's CPU during the stream (8.6 s against 4.7 s in
 * one run), and that queueing was counted as the server's delay. One selector thread reads whatever arrived on all
 * connections in one pass, and leaves the other core to the server.
 */
final class SseSubscribers {
    private static final Duration LIMIT = Duration.ofSeconds(180);

    private SseSubscribers() {
    }

    static List<SseDelayBench.Subscriber> follow(URI base, String deploymentId, int count) throws IOException {
        byte[] request = ("GET /stream/progress?deploymentId=" + deploymentId + " HTTP/1.1\r\nHost: " + base.getHost()
                + ":" + base.getPort() + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<Connection> connections = new ArrayList<>(count);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < count; i++) {
                Connection c = new Connection();
                connections.add(c);
                try {
                    SocketChannel channel = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
                    channel.write(ByteBuffer.wrap(request));
                    channel.configureBlocking(false);
                    channel.register(selector, SelectionKey.OP_READ, c);
                    c.channel = channel;
                } catch (IOException e) {
                    c.problem = e.toString();
                }
            }
            long open = connections.stream().filter(c -> c.channel != null).count();
            long deadline = System.nanoTime() + LIMIT.toNanos();
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            byte[] bytes = new byte[buffer.capacity()];
            while (open > 0 && System.nanoTime() < deadline) {
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    buffer.clear();
                    int n;
                    try {
                        n = c.channel.read(buffer);
                    } catch (IOException e) {
                        c.problem = e.toString();
                        n = -1;
                    }
                    if (n > 0) {
                        buffer.flip();
                        buffer.get(bytes, 0, n);
                        c.received(bytes, n, Instant.now());
                    }
                    if (n == -1 || c.ended || c.problem != null) {
                        key.cancel();
                        c.channel.close();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            for (Connection c : connections) {  // those still open when the time ran out
                if (c.channel != null) {
                    c.channel.close();
                }
            }
        }
        return connections.stream().map(Connection::result).toList();
    }

    /** One subscriber: the answer's head, then its chunked body, then SSE lines, parsed as the bytes come. */
    private static final class Connection {
        SocketChannel channel;
        String problem;
        boolean ended;
        private final List<Double> delays = new ArrayList<>();
        private final List<SseDelayBench.Stamped> logs = new ArrayList<>();
        /** The head's and the chunk sizes' current line; {@code line} is the current SSE line, which may span chunks. */
        private final ByteArrayOutputStream framing = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private Instant opened = Instant.MAX;
        private boolean inBody;
        private boolean chunked;
        private int chunkState;  // 0: reading a size line, 1: in a chunk's data, 2: at the CRLF after the data
        private long chunkLeft;
        private String event = "";
        private long events;
        private long lastSeq;

        void received(byte[] bytes, int length, Instant now) {
            for (int i = 0; i < length && !ended && problem == null; i++) {
                byte b = bytes[i];
                if (!inBody) {
                    headByte(b, now);
                } else if (!chunked) {
                    bodyByte(b, now);
                } else if (chunkState == 1) {
                    bodyByte(b, now);
                    if (--chunkLeft == 0) {
                        chunkState = 2;
                    }
                } else if (b == '\n') {
                    String size = ascii(framing);
                    if (chunkState == 0) {
                        int ext = size.indexOf(';');
                        chunkLeft = Long.parseLong((ext < 0 ? size : size.substring(0, ext)).strip(), 16);
                        chunkState = chunkLeft == 0 ? 0 : 1;
                        if (chunkLeft == 0) {
                            problem = "the stream ended without a complete or error event";
                        }
                    } else {
                        chunkState = 0;
                    }
                } else {
                    framing.write(b);
                }
            }
        }

        private void headByte(byte b, Instant now) {
            if (b != '\n') {
                framing.write(b);
                return;
            }
            String header = ascii(framing);
            if (opened.equals(Instant.MAX)) {
                opened = now;
                if (!header.startsWith("HTTP/1.1 200")) {
                    problem = "status line " + header;
                }
            } else if (header.isEmpty()) {
                inBody = true;
            } else if (header.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:") && header.contains("chunked")) {
                chunked = true;
            }
        }

        private void bodyByte(byte b, Instant now) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = new String(take(line), StandardCharsets.UTF_8);
            if (text.startsWith("event:")) {
                event = text.substring(6).strip();
            } else if (text.startsWith("data:")) {
                data(text.substring(5), now);
            }
        }

        private void data(String json, Instant now) {
            JsonNode data;
            try {
                data = Api.JSON.readTree(json);
            } catch (IOException e) {
                problem = "unreadable event data: " + Api.abbreviate(json);
                return;
            }
            events++;
            lastSeq = Math.max(lastSeq, data.path("seq").asLong());
            Instant at = Instant.parse(data.get("at").asText());
            if (at.isAfter(opened)) {
                double ms = Duration.between(at, now).toNanos() / 1e6;
                delays.add(ms);
                if (event.equals("log")) {
                    logs.add(new SseDelayBench.Stamped(at, ms));
                }
            }
            ended = event.equals("complete") || event.equals("error");
        }

        private static String ascii(ByteArrayOutputStream buffer) {
            return new String(take(buffer), StandardCharsets.US_ASCII);
        }

        /** The line collected in {@code buffer}, without its CR; the buffer starts the next line. */
        private static byte[] take(ByteArrayOutputStream buffer) {
            byte[] all = buffer.toByteArray();
            buffer.reset();
            int end = all.length > 0 && all[all.length - 1] == '\r' ? all.length - 1 : all.length;
            return end == all.length ? all : Arrays.copyOf(all, end);
        }

        SseDelayBench.Subscriber result() {
            String why = problem != null ? problem : ended ? null : "no complete or error event within " + LIMIT;
            return new SseDelayBench.Subscriber(delays, logs, opened, events, ended, lastSeq, why);
        }
    }
}
