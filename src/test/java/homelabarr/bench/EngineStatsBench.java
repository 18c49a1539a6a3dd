package homelabarr.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick of the cold stats row: the engine alone, asked as we ask it. For the N containers labelled
 * {@code homelabarr.app=STATS_APP}, one {@code stats?stream=true} request each, all at once, timed until every stream
 * delivered its second frame (the first that carries the CPU figure). scripts/bench.sh runs it right after our
 * server's cold request, with our server stopped, so the engine's stats loop is idle as it was for us. An engine
 * that reads containers one after another in a 1 s loop makes this grow with N whatever its client does.
 */
public final class EngineStatsBench {
    public static void main(String[] args) throws Exception {
        String app = Api.env("STATS_APP", "bench-stats");
        int expected = Integer.parseInt(Api.env("STATS_EXPECT", "1"));
        String socket = Api.env("DOCKER_HOST", "unix:///var/run/docker.sock").replaceFirst("^unix://", "");
        String filter = URLEncoder.encode("{\"label\":[\"homelabarr.app=" + app + "\"]}", StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        for (JsonNode c : Api.JSON.readTree(body(get(socket, "/containers/json?filters=" + filter, 0)))) {
            ids.add(c.get("Id").asText());
        }
        if (ids.size() != expected) {
            throw new IllegalStateException("expected " + expected + " containers labelled " + app + ", found " + ids.size());
        }
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<byte[]>> streams = new ArrayList<>();
            for (String id : ids) {
                streams.add(threads.submit(() -> get(socket, "/containers/" + id + "/stats?stream=true", 2)));
            }
            for (Future<byte[]> f : streams) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Results.put("engine.stats.cold_s.n" + expected, seconds);
        System.out.printf("engine alone, %d containers: every second frame after %.3f s%n", expected, seconds);
    }

    /**
     * A GET over the engine's socket. {@code frames} 0: the whole answer; else returns once that many stats frames
     * (JSON objects with a {@code "read"} stamp) arrived, closing the stream.
     */
    private static byte[] get(String socket, String path, int frames) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buf) != -1) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
                if (frames > 0 && count(all.toString(StandardCharsets.UTF_8), "\"read\":") >= frames) {
                    return all.toByteArray();
                }
            }
            if (frames > 0) {
                throw new IOException("the stream ended before " + frames + " frames: " + path);
            }
            return all.toByteArray();
        }
    }

    private static String body(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        int at = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || !text.substring(9, 12).equals("200") || at < 0) {
            throw new IllegalStateException("engine answered: " + Api.abbreviate(text));
        }
        return text.substring(at + 4);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
