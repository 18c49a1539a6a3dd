package homelabarr.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import homelabarr.testing.Await;
import homelabarr.testing.DockerFixture;
import homelabarr.testing.Http;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.Sse;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} on the real engine: who may read it (admin or the scrape token), that a Prometheus parser accepts
 * it, that labels are route templates rather than raw paths, and that the per-container figures are exactly those
 * GET /containers?stats=true answers for the same sample.
 */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {
    private static final long MEMORY_LIMIT = 64L * 1024 * 1024;
    private TestServer server;
    private DockerFixture docker;
    private String containerId;
    private String containerName;
    private String missingApp;

    @BeforeAll
    void start(@TempDir Path dir) {
        TestServer.Builder builder = TestServer.builder(dir).forDeploys();
        missingApp = builder.template("missing", TestTemplates.missingImage());
        server = builder.start();
        docker = server.docker();
        containerName = docker.name("metrics");
        containerId = docker.run(containerName, cmd -> {
            cmd.withLabels(Map.of("homelabarr.app", "metrics-" + docker.runId()));
            cmd.getHostConfig().withMemory(MEMORY_LIMIT);
        }, DockerFixture.IDLE);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private List<PromText.Sample> scrape(String credential) {
        Http.Response r = server.get("/metrics", credential).assertStatus(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return PromText.parse(r.body());
    }

    private static Optional<PromText.Sample> sample(List<PromText.Sample> all, String name, Map<String, String> labels) {
        return all.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .findFirst();
    }

    @Test
    void onlyAnAdminOrTheScrapeTokenMayRead() {
        server.get("/metrics", null).assertError(401);
        server.get("/api/metrics", null).assertError(401);
        for (String role : new String[]{"user", "viewer"}) {
            String token = server.userToken(role);
            server.get("/metrics", token).assertError(403);
            server.post("/metrics/token", token).assertError(403);
        }
        server.get("/metrics", "hlrm_not-a-token").assertError(401);
        assertThat(server.get("/metrics/token").json().path("data").path("exists").asBoolean()).isFalse();
        server.delete("/metrics/token", server.token()).assertError(404);

        Http.Response created = server.post("/metrics/token", server.token()).assertStatus(201);
        String first = created.json().path("data").path("token").asText();
        assertThat(first).startsWith("hlrm_");
        scrape(first);
        JsonNode shown = server.get("/metrics/token").assertStatus(200).assertNoLeak(first).json().path("data");
        assertThat(shown.path("exists").asBoolean()).isTrue();
        assertThat(first).startsWith(shown.path("prefix").asText());
        // the scrape token opens /metrics and nothing else
        server.get("/containers", first).assertError(401);

        String second = server.post("/api/metrics/token", server.token()).assertStatus(201).json().path("data")
                .path("token").asText();
        server.get("/metrics", first).assertError(401);
        scrape(second);
        server.delete("/metrics/token", server.token()).assertStatus(200);
        server.get("/metrics", second).assertError(401);
        scrape(server.token());
    }

    @Test
    void requestsAreCountedByRouteTemplateNeverByRawPath() {
        server.get("/containers/" + containerId).assertStatus(200);
        server.get("/api/containers/" + containerId.substring(0, 12)).assertStatus(200);
        server.get("/no/such/route/" + containerId).assertError(404);
        List<PromText.Sample> all = scrape(server.token());
        assertThat(all).allSatisfy(s -> assertThat(s.labels().values().toString()).doesNotContain(containerId));
        PromText.Sample count = sample(all, "homelabarr_http_requests_total",
                Map.of("method", "GET", "route", "/containers/{id}", "status", "200")).orElseThrow();
        assertThat(count.value()).isGreaterThanOrEqualTo(2);
        assertThat(sample(all, "homelabarr_http_requests_total", Map.of("route", "other", "status", "404"))).isPresent();
        double inf = sample(all, "homelabarr_http_request_duration_seconds_bucket",
                Map.of("route", "/containers/{id}", "le", "+Inf")).orElseThrow().value();
        double n = sample(all, "homelabarr_http_request_duration_seconds_count", Map.of("route", "/containers/{id}"))
                .orElseThrow().value();
        assertThat(inf).isEqualTo(n).isGreaterThanOrEqualTo(2);
        assertThat(all.stream().filter(s -> s.family().equals("homelabarr_engine_call_duration_seconds")
                && s.name().endsWith("_count")).map(s -> s.labels().get("operation"))).contains("container", "inspect");
    }

    @Test
    void deploymentsAreCountedByOutcome() {
        String id = server.deploy(missingApp, "{}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("failed");
        Await.until("the failed deployment to be counted", Duration.ofSeconds(30), () -> sample(scrape(server.token()),
                "homelabarr_deployments_total", Map.of("outcome", "failed")).map(s -> s.value() >= 1).orElse(false));
    }

    @Test
    void eventStreamSubscribersAreCounted() {
        try (Sse stream = server.stream(server.request("/stream/stats", server.token()).GET())) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            Await.until("one stats subscriber", Duration.ofSeconds(30), () -> sample(scrape(server.token()),
                    "homelabarr_sse_subscribers", Map.of("stream", "stats")).orElseThrow().value() == 1);
        }
        Await.until("no stats subscriber", Duration.ofSeconds(60), () -> sample(scrape(server.token()),
                "homelabarr_sse_subscribers", Map.of("stream", "stats")).orElseThrow().value() == 0);
        assertThat(sample(scrape(server.token()), "homelabarr_sse_subscribers", Map.of("stream", "progress"))).isPresent();
    }

    @Test
    void perContainerFiguresMatchTheStatsApi() {
        String shortId = containerId.substring(0, 12);
        Await.until("a CPU figure for the container", Duration.ofSeconds(60), () -> !stats().path("cpuPercent").isNull());
        for (int attempt = 0; attempt < 30; attempt++) {
            List<PromText.Sample> before = scrape(server.token());
            JsonNode api = stats();
            List<PromText.Sample> after = scrape(server.token());
            double sampled = Instant.parse(api.path("sampledAt").asText()).toEpochMilli() / 1000.0;
            Map<String, String> id = Map.of("id", shortId);
            String stamp = "homelabarr_container_stats_sampled_timestamp_seconds";
            if (sample(before, stamp, id).orElseThrow().value() != sampled
                    || sample(after, stamp, id).orElseThrow().value() != sampled) {
                continue;  // a new frame arrived between the calls: compare the next one
            }
            PromText.Sample cpu = sample(after, "homelabarr_container_cpu_percent", id).orElseThrow();
            assertThat(cpu.labels()).containsEntry("name", containerName).containsEntry("app", "metrics-" + docker.runId());
            assertThat(cpu.value()).isEqualTo(api.path("cpuPercent").asDouble());
            assertThat(sample(after, "homelabarr_container_memory_used_bytes", id).orElseThrow().value())
                    .isEqualTo((double) api.path("memoryUsedBytes").asLong());
            assertThat(sample(after, "homelabarr_container_memory_limit_bytes", id).orElseThrow().value())
                    .isEqualTo((double) MEMORY_LIMIT).isEqualTo((double) api.path("memoryLimitBytes").asLong());
            assertThat(sample(after, "homelabarr_container_network_receive_bytes_total", id).orElseThrow().value())
                    .isEqualTo((double) api.path("networkRxBytes").asLong());
            assertThat(sample(after, "homelabarr_container_network_transmit_bytes_total", id).orElseThrow().value())
                    .isEqualTo((double) api.path("networkTxBytes").asLong());
            return;
        }
        throw new AssertionError("the metrics and the stats API never showed the same sample");
    }

    private JsonNode stats() {
        return server.get("/containers/" + containerId + "?stats=true").assertStatus(200).json().path("data").path("stats");
    }
}
