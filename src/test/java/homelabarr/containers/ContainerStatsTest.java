package homelabarr.containers;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.docker.DockerEngine;
import homelabarr.docker.Engine;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Stats against 30 real containers, the shared collector's stream count and quiet close, single stats, the SSE stream. */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerStatsTest {
    private static final int CONTAINERS = 30;
    private static final long MEMORY_LIMIT = 64L * 1024 * 1024;
    private TestServer server;
    private DockerFixture docker;
    private String app;
    private final List<String> ids = new ArrayList<>();
    private String limitedId;
    private String burnerId;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir);
        docker = new DockerFixture();
        app = "stats-" + docker.runId();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < CONTAINERS - 2; i++) {
                started.add(pool.submit(() -> docker.run(docker.name("idle"),
                        cmd -> cmd.withLabels(Map.of("homelabarr.app", app)), DockerFixture.IDLE)));
            }
            // 64 MiB limit: the reported limit must be exactly that
            started.add(pool.submit(() -> docker.run(docker.name("limited"), cmd -> {
                cmd.withLabels(Map.of("homelabarr.app", app));
                cmd.getHostConfig().withMemory(MEMORY_LIMIT);
            }, DockerFixture.IDLE)));
            // a busy loop held to half a CPU: CPU % must show it
            started.add(pool.submit(() -> docker.run(docker.name("burner"), cmd -> {
                cmd.withLabels(Map.of("homelabarr.app", app));
                cmd.getHostConfig().withNanoCPUs(500_000_000L);
            }, "/bin/sh", "-c", "while :; do :; done")));
            for (Future<String> f : started) {
                ids.add(f.get());
            }
        }
        limitedId = ids.get(CONTAINERS - 2);
        burnerId = ids.get(CONTAINERS - 1);
    }

    @AfterAll
    void stop() {
        if (docker != null) {
            docker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Map<String, JsonNode> statsById() {
        Http.Response res = server.get("/containers?stats=true&app=" + app);
        assertThat(res.status()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        res.json().get("data").forEach(c -> byId.put(c.get("id").asText(), c.get("stats")));
        return byId;
    }

    @Test
    void everyRunningContainerGetsCorrectFigures() {
        Map<String, JsonNode> stats = statsById();
        assertThat(stats).hasSize(CONTAINERS);
        stats.forEach((id, s) -> {
            assertThat(s).as(id).isNotNull();
            assertThat(s.get("cpuPercent").isNumber()).as("cpu of " + id).isTrue();
            assertThat(s.get("cpuPercent").asDouble()).isBetween(0.0, 200.0);
            long used = s.get("memoryUsedBytes").asLong();
            long limit = s.get("memoryLimitBytes").asLong();
            assertThat(used).isPositive().isLessThan(limit);
            assertThat(s.get("memoryPercent").asDouble()).isCloseTo(100.0 * used / limit,
                    org.assertj.core.data.Offset.offset(0.01));
            assertThat(s.get("pids").asLong()).isBetween(1L, 10L);
            assertThat(s.get("networkRxBytes").asLong()).isNotNegative();
            assertThat(s.get("networkTxBytes").asLong()).isNotNegative();
            assertThat(s.get("blockReadBytes").asLong()).isNotNegative();
            assertThat(s.get("blockWriteBytes").asLong()).isNotNegative();
            assertThat(s.get("sampledAt").asText()).endsWith("Z");
        });
        assertThat(stats.get(limitedId).get("memoryLimitBytes").asLong()).isEqualTo(MEMORY_LIMIT);
        // init + sleep
        assertThat(stats.get(limitedId).get("pids").asLong()).isEqualTo(2);
        // held to 0.5 CPU by the engine; on a busy shared machine it may get less, but clearly more than idle
        assertThat(stats.get(burnerId).get("cpuPercent").asDouble()).isBetween(10.0, 60.0);
        assertThat(stats.get(ids.getFirst()).get("cpuPercent").asDouble()).isLessThan(5.0);
    }

    @Test
    void tenPollingClientsCostTheEngineWhatOneCosts() throws Exception {
        // ten clients first: whether or not an earlier test opened the streams, a container gets at most one
        long ten = engineRequestsFor(10, 3);
        long one = engineRequestsFor(1, 3);
        assertThat(ten).isLessThanOrEqualTo(CONTAINERS);
        // polling again costs the engine nothing: the open streams keep serving
        assertThat(one).isZero();
        assertThat(server.app().containers().openEngineStatsStreams()).isGreaterThanOrEqualTo(CONTAINERS);
    }

    private long engineRequestsFor(int clients, int rounds) throws Exception {
        long before = server.app().containers().engineStatsRequests();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < rounds; round++) {
                List<Future<Map<String, JsonNode>>> polls = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    polls.add(pool.submit(this::statsById));
                }
                for (Future<Map<String, JsonNode>> poll : polls) {
                    assertThat(poll.get().values()).hasSize(CONTAINERS).doesNotContainNull();
                }
                Thread.sleep(1100);  // the engine's next frame
            }
        }
        return server.app().containers().engineStatsRequests() - before;
    }

    @Test
    void engineStreamsCloseAfterTheQuietPeriod() throws Exception {
        try (Engine engine = new DockerEngine(DockerFixture.host());
             // generous waits: on a loaded machine frames come late; the test is about streams closing, not speed
             StatsCollector collector = new StatsCollector(engine::stats, Duration.ofSeconds(20),
                     Duration.ofSeconds(1), 256)) {
            Map<String, ContainerStats> stats = collector.stats(ids);
            assertThat(stats.values()).hasSize(CONTAINERS).allSatisfy(s -> assertThat(s.cpuPercent()).isNotNull());
            assertThat(collector.openStreams()).isEqualTo(CONTAINERS);
            // the engine sends a frame a second; the stream that sees the quiet period over closes itself
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (collector.openStreams() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(collector.openStreams()).isZero();
            assertThat(collector.engineRequests()).isEqualTo(CONTAINERS);
            assertThat(collector.stats(List.of(limitedId)).get(limitedId).memoryLimitBytes()).isEqualTo(MEMORY_LIMIT);
            assertThat(collector.engineRequests()).isEqualTo(CONTAINERS + 1);
        }
    }

    @Test
    void oneContainersStatsAndItsErrors() {
        Http.Response res = server.get("/containers/" + limitedId.substring(0, 12) + "/stats");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("data").get("memoryLimitBytes").asLong()).isEqualTo(MEMORY_LIMIT);

        assertThat(server.get("/containers/no-such-container-" + docker.runId() + "/stats").status()).isEqualTo(404);
        String created = docker.create(docker.name("never-started"), cmd -> { }, DockerFixture.IDLE);
        Http.Response notRunning = server.get("/containers/" + created + "/stats");
        assertThat(notRunning.status()).isEqualTo(409);
        assertThat(notRunning.json().get("details").asText()).contains("created");
        assertThat(server.get("/containers/" + limitedId + "/stats", null).status()).isEqualTo(401);
    }

    @Test
    void statsStreamPushesEventsAndEndsWhenTheClientLeaves() throws Exception {
        assertThat(server.get("/stream/stats", null).status()).isEqualTo(401);
        HttpResponse<InputStream> res = server.http().client().send(server.request("/api/stream/stats", server.adminToken())
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> ids = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while (ids.size() < 2 && (line = lines.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    ids.add(line.substring(4));
                } else if (line.startsWith("data: ")) {
                    assertThat(event).isEqualTo("stats");
                    JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.substring(6));
                    assertThat(data.get("data").toString()).contains(limitedId);
                    assertThat(data.get("total").asInt()).isGreaterThanOrEqualTo(CONTAINERS);
                }
            }
        }
        assertThat(ids).containsExactly("1", "2");
        // the next write after the client left fails, and the server ends the stream
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (server.app().containers().openStatsStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(server.app().containers().openStatsStreams()).isZero();
    }
}
