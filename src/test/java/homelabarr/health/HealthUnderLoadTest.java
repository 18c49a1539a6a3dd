package homelabarr.health;

import homelabarr.testing.Http;
import homelabarr.testing.EngineProxy;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * False alarms: under load the engine answers slowly, and a per-request ping with a 2 s limit called a healthy
 * engine down (6 of 8 probes answered 503), which makes a monitor restart a working server. Here the real engine
 * sits behind a proxy that holds every answer back for three seconds.
 */
@NeedsDocker
class HealthUnderLoadTest {
    @TempDir
    Path dir;

    @Test
    void aSlowEngineIsHealthyAndManyProbesShareOnePing() throws Exception {
        try (EngineProxy engine = EngineProxy.slow(Duration.ofSeconds(3));
             TestServer server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                     "DOCKER_HOST", engine.dockerHost()))) {
            List<Future<Http.Response>> probes = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 40; i++) {
                    probes.add(pool.submit(() -> server.http().get("/health")));
                }
            }
            for (Future<Http.Response> probe : probes) {
                Http.Response r = probe.get().assertStatus(200);
                assertThat(r.json().get("status").asText()).isEqualTo("healthy");
                assertThat(r.json().at("/docker/connected").asBoolean()).isTrue();
            }
            // the forty probes share one ping; the environments' background status check of `local` may add its own
            assertThat(engine.versionCalls()).as("pings for forty probes").isBetween(1, 2);
            // and later probes keep being answered from a fresh ping at most every few seconds, never 503
            for (int i = 0; i < 8; i++) {
                server.http().get("/health").assertStatus(200);
                Thread.sleep(500);
            }
        }
    }

    @Test
    void anEngineThatGoesAwayIsReportedSoon() throws Exception {
        EngineProxy engine = EngineProxy.slow(Duration.ZERO);
        try (TestServer server = TestServer.start(dir, Map.of("HOMELABARR_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "DOCKER_HOST", engine.dockerHost()))) {
            server.http().get("/health").assertStatus(200);
            engine.close();
            int status = 200;
            for (int i = 0; i < 50 && status == 200; i++) {
                Thread.sleep(200);
                status = server.http().get("/health").status();
            }
            assertThat(status).as("degraded within ten seconds of the engine going away").isEqualTo(503);
        }
    }
}
