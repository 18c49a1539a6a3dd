package homelabarr.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Deploy against the raw Engine API: the time from {@code POST /deploy} until the progress stream reports the
 * {@code running} step, against the same steps sent straight to the Engine API by docker-java (inspect the image,
 * create the network, create and start the container with its published port, inspect until it runs). The app is one
 * busybox httpd container from the image already present (template written by scripts/bench.sh). Rounds alternate
 * the two ways; each HomelabARR round is undeployed before the next. Only public HTTP and the Engine API are used.
 */
public final class DeployBench {
    private static final String IMAGE = "homelabarr-test/busybox:1";

    public static void main(String[] args) throws Exception {
        Api api = Api.fromEnv();
        String prefix = Api.env("BENCH_PREFIX", "ours");
        String app = Api.env("DEPLOY_APP", "myapps-bench-web-0");
        int warmup = Integer.parseInt(Api.env("DEPLOY_WARMUP", "3"));
        int runs = Integer.parseInt(Api.env("DEPLOY_RUNS", "15"));
        String token = api.login("admin", Api.env("BENCH_PASSWORD", ""));
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(Api.env("DOCKER_HOST", "unix:///var/run/docker.sock")).build();
        try (DockerClient docker = DockerClientImpl.getInstance(config,
                new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build())) {
            for (int i = 0; i < warmup + runs; i++) {
                double[] ours = viaHomelabarr(api, token, app);
                double raw = viaEngine(docker, app);
                if (i >= warmup) {
                    Results.put(prefix + ".deploy.hlr_ms", ours[0]);
                    Results.put(prefix + ".deploy.succeeded_ms", ours[1]);
                    Results.put(prefix + ".deploy.raw_ms", raw);
                }
                System.out.printf("round %d: HomelabARR %.0f ms to running (%.0f ms to the end), raw API %.0f ms%n",
                        i + 1, ours[0], ours[1], raw);
            }
        }
    }

    /** Milliseconds to the "running" step and to the final event, as a client sees them. */
    private static double[] viaHomelabarr(Api api, String token, String app) throws Exception {
        long start = System.nanoTime();
        Api.Answer accepted = api.post("/deploy", token, """
                {"appId": "%s", "config": {"WEBUI_PORT": "%d"}}""".formatted(app, SseDelayBench.freePort()));
        if (accepted.status() != 202) {
            throw new IllegalStateException("deploy refused: " + accepted.status() + " " + Api.abbreviate(accepted.body()));
        }
        String id = accepted.json().get("deploymentId").asText();
        long running = -1;
        long end = -1;
        String last = "";
        HttpResponse<InputStream> stream = api.http.send(api.request("/stream/progress?deploymentId=" + id, null)
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (running < 0 && line.contains("\"step\":\"running\"")) {
                    running = System.nanoTime();
                } else if (line.startsWith("event: complete") || line.startsWith("event: error")) {
                    end = System.nanoTime();
                    last = line;
                }
            }
        }
        if (running < 0 || !last.equals("event: complete")) {
            throw new IllegalStateException("deployment " + id + " did not succeed (" + last + ")");
        }
        Api.Answer removed = api.delete("/applications/" + app, token);
        if (removed.status() != 200) {
            throw new IllegalStateException("undeploy: " + removed.status() + " " + Api.abbreviate(removed.body()));
        }
        return new double[] {(running - start) / 1e6, (end - start) / 1e6};
    }

    private static double viaEngine(DockerClient docker, String app) throws Exception {
        int port = SseDelayBench.freePort();
        String name = app.substring("myapps-".length()) + "-direct";
        Map<String, String> labels = Map.of("homelabarr.test", "true", "homelabarr.app", app + "-direct");
        long start = System.nanoTime();
        docker.inspectImageCmd(IMAGE).exec();
        String network = docker.createNetworkCmd().withName(app + "-direct_default").withLabels(labels)
                .withCheckDuplicate(true).exec().getId();
        ExposedPort http = ExposedPort.tcp(8080);
        Ports ports = new Ports();
        ports.bind(http, Ports.Binding.bindPort(port));
        String id = docker.createContainerCmd(IMAGE).withName(name).withLabels(labels)
                .withCmd("/bin/httpd", "-f", "-p", "8080", "-h", "/www").withExposedPorts(http)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(ports).withInit(true).withNetworkMode(network))
                .withAliases("web").exec().getId();
        docker.startContainerCmd(id).exec();
        while (!Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
            Thread.onSpinWait();
        }
        double took = (System.nanoTime() - start) / 1e6;
        docker.removeContainerCmd(id).withForce(true).exec();
        docker.removeNetworkCmd(network).exec();
        return took;
    }
}
