package homelabarr.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import homelabarr.testing.NeedsDocker;
import homelabarr.testing.Sse;
import homelabarr.testing.TestRun;
import homelabarr.testing.TestServer;
import homelabarr.testing.TestTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/benchmarks.md "Deploy": time from POST /deploy until the stream reports every container running, against
 * the same steps sent straight to the Engine API (inspect image, create network, create container, start, inspect
 * until running), for an image already present. Not part of the normal test run (its name does not end in Test):
 * {@code mvn -B -Dtest=DeployBenchmark test}.
 */
@NeedsDocker
class DeployBenchmark {
    private static final int WARMUP = 3;
    private static final int RUNS = 15;

    @TempDir
    Path dir;

    @Test
    void deployToRunningVersusTheEngineApiDirectly() throws Exception {
        TestServer.Builder builder = TestServer.builder(dir.resolve("data")).forDeploys();
        String app = builder.template("bench", TestTemplates.WEB);
        try (TestServer server = builder.start()) {
            List<Long> ours = new ArrayList<>();
            List<Long> ourSucceeded = new ArrayList<>();
            List<Long> direct = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long[] hlr = viaHomelabarr(server, app);
                long raw = viaEngine(server.docker().client(), app);
                if (i >= WARMUP) {
                    ours.add(hlr[0]);
                    ourSucceeded.add(hlr[1]);
                    direct.add(raw);
                }
            }
            double h = median(ours);
            double d = median(direct);
            String report = """
                    | measure (ms, %d runs) | median | p90 | min |
                    |---|---|---|---|
                    | Engine API directly: inspect image, create network, create + start, inspect until running | %.1f | %.1f | %.1f |
                    | HomelabARR: POST /deploy → "running" step on the progress stream | %.1f | %.1f | %.1f |
                    | HomelabARR: POST /deploy → "succeeded" (after the %d ms settle check) | %.1f | %.1f | %.1f |

                    ratio of medians: %.3f; target: %.1f ms ≤ 1.15 × %.1f + 50 = %.1f ms → %s
                    """.formatted(RUNS, d, p90(direct), min(direct), h, p90(ours), min(ours), 1000,
                    median(ourSucceeded), p90(ourSucceeded), min(ourSucceeded), h / d, h, d, 1.15 * d + 50,
                    h <= 1.15 * d + 50 ? "met" : "NOT met");
            System.out.println(report);
            Files.writeString(Path.of("target/benchmark-deploy.md"), report);
            assertThat(h).isLessThanOrEqualTo(1.15 * d + 50);
        }
    }

    /** Milliseconds to the "running" step and to the final event, as a client sees them. */
    private static long[] viaHomelabarr(TestServer server, String app) {
        int port = TestServer.freePort();
        long start = System.nanoTime();
        String id = server.deploy(app, "{\"WEBUI_PORT\": \"" + port + "\"}");
        long running = -1;
        long end = -1;
        try (Sse stream = server.stream(server.http().request("/stream/progress?deploymentId=" + id, null).GET())) {
            for (Sse.Event e; (e = stream.next()) != null; ) {
                if (e.data().path("step").asText().equals("running")) {
                    running = System.nanoTime();
                } else if (e.type().equals("complete") || e.type().equals("error")) {
                    end = System.nanoTime();
                }
            }
        }
        assertThat(running).as("reached running").isPositive();
        assertThat(server.delete("/applications/" + app, server.token()).status()).isEqualTo(200);
        return new long[] {(running - start) / 1_000_000, (end - start) / 1_000_000};
    }

    private static long viaEngine(DockerClient docker, String app) {
        int port = TestServer.freePort();
        String name = app.substring("myapps-".length()) + "-direct";
        Map<String, String> labels = new java.util.HashMap<>(TestRun.labels());
        labels.put("homelabarr.app", app + "-direct");
        long start = System.nanoTime();
        docker.inspectImageCmd(TestTemplates.IMAGE).exec();
        String network = docker.createNetworkCmd().withName(app + "-direct_default").withLabels(labels)
                .withCheckDuplicate(true).exec().getId();
        ExposedPort http = ExposedPort.tcp(8080);
        Ports ports = new Ports();
        ports.bind(http, Ports.Binding.bindPort(port));
        String id = docker.createContainerCmd(TestTemplates.IMAGE).withName(name).withLabels(labels)
                .withCmd("/bin/httpd", "-f", "-p", "8080", "-h", "/www").withExposedPorts(http)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(ports).withInit(true).withNetworkMode(network))
                .withAliases("web").exec().getId();
        docker.startContainerCmd(id).exec();
        while (!Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
            Thread.onSpinWait();
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        docker.removeContainerCmd(id).withForce(true).exec();
        docker.removeNetworkCmd(network).exec();
        return took;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static double p90(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
    }

    private static double min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }
}
