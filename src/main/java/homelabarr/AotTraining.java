package homelabarr;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JVM's AOT cache (JEP 483/514): started with {@code -XX:AOTCacheOutput=FILE
 * -Dhomelabarr.aotTraining=true} by run.sh after a build and by the image build, it starts the server on a free
 * loopback port with a throw-away DATA_DIR, asks what a first visit asks, and exits. The JVM then writes the classes
 * it loaded and linked, and their profiles, to FILE; later starts with {@code -XX:AOTCache=FILE} skip that work.
 * The Docker Engine need not be reachable: /health then answers 503, which is work the cache should know too.
 */
final class AotTraining {
    private static final System.Logger LOG = System.getLogger(AotTraining.class.getName());
    /**
     * The answers a running server gives most, asked again until their methods are compiled: the cache then holds
     * their profiles, and a restarted server compiles them from those. With only a first visit's profiles, the
     * catalog's answer took 10-40 s of load after a start to reach its speed (measured in docs/benchmarks.md).
     */
    private static final int HOT_ROUNDS = 3000;

    private AotTraining() {
    }

    static void run(Map<String, String> env) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("homelabarr-aot-training");
        String password = "Training-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Map<String, String> trainingEnv = new HashMap<>(env);
        trainingEnv.put("PORT", "0");
        trainingEnv.put("BIND_ADDRESS", "127.0.0.1");
        trainingEnv.put("DATA_DIR", data.toString());
        trainingEnv.put("HOMELABARR_ADMIN_PASSWORD", password);
        trainingEnv.remove("JWT_SECRET");
        try (App app = new App(Config.load(trainingEnv), Clock.systemUTC())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + app.port();
            for (String path : new String[]{"/health", "/applications", "/api/applications", "/applications/categories",
                    "/applications/media-servers-plex", "/", "/version"}) {
                send(client, HttpRequest.newBuilder(URI.create(base + path)).GET());
            }
            send(client, HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"" + password + "\"}")));
            for (int i = 0; i < HOT_ROUNDS; i++) {
                send(client, HttpRequest.newBuilder(URI.create(base + "/applications")).GET());
                send(client, HttpRequest.newBuilder(URI.create(base + "/health")).GET());
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void send(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<Void> res = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.discarding());
        LOG.log(System.Logger.Level.DEBUG, "training: " + res.request().uri().getPath() + " " + res.statusCode());
    }
}
