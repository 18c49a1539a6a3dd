package homelabarr;

import homelabarr.testing.Await;
import homelabarr.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command on what a user has after {@code git clone}: the repository's files (tracked and new,
 * not ignored ones: no target/, no node_modules) in a folder of their own. {@code ./run.sh} builds, answers
 * {@code /health}, and a second {@code ./run.sh} on the same clone starts without building again.
 */
class RunScriptIT {
    private static final Duration FIRST_START = Duration.ofMinutes(8);
    private final List<Process> started = new ArrayList<>();
    private Path clone;

    @AfterEach
    void stop() throws IOException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        if (clone != null) {
            try (Stream<Path> files = Files.walk(clone)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void aFreshCloneBuildsAndStartsAndItsSecondStartDoesNotBuild() throws Exception {
        clone = Files.createTempDirectory("homelabarr-clone");
        copyRepositoryFiles(clone);
        Path data = clone.resolve("data-it");

        String first = startAndStop(data, FIRST_START);
        assertThat(first).as("first start on a fresh clone").contains("started in");
        Path jar = clone.resolve("target/homelabarr.jar");
        Path cache = clone.resolve("target/homelabarr.aot");
        FileTime built = Files.getLastModifiedTime(jar);
        // run.sh makes the cache on JDK 25+ (the JDK it picks is this test's on the test machines)
        boolean aot = Runtime.version().feature() >= 25;
        assertThat(Files.exists(cache)).as("start-up cache made").isEqualTo(aot);
        FileTime cached = aot ? Files.getLastModifiedTime(cache) : null;

        String second = startAndStop(data, Duration.ofMinutes(1));
        assertThat(second).as("second start: nothing changed").doesNotContain("Preparing the start-up cache")
                .contains("started in");
        assertThat(Files.getLastModifiedTime(jar)).as("not built again").isEqualTo(built);
        if (aot) {
            assertThat(Files.getLastModifiedTime(cache)).as("start-up cache kept").isEqualTo(cached);
        }
    }

    /** Starts ./run.sh in the clone, waits for a 200 on /health, stops it; its output. */
    private String startAndStop(Path data, Duration limit) throws Exception {
        int port = TestServer.freePort();
        Path log = Files.createTempFile(clone, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder("./run.sh").directory(clone.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("DATA_DIR", data.toString());
        env.put("HOMELABARR_ADMIN_PASSWORD", "run-script-check-4711");
        Process run = builder.start();
        started.add(run);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Await.until("./run.sh to answer /health on " + port + " (log: " + log + ")", limit, () -> {
            assertThat(run.isAlive()).as("./run.sh ended early:%n%s", read(log)).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        run.destroy();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        started.remove(run);
        return read(log);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What git would check out (tracked files plus new ones it does not ignore), with their permissions. */
    private static void copyRepositoryFiles(Path to) throws Exception {
        Process ls = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] names;
        try (InputStream in = ls.getInputStream()) {
            names = in.readAllBytes();
        }
        assertThat(ls.waitFor()).as("git ls-files").isZero();
        for (String name : new String(names, StandardCharsets.UTF_8).split("\0")) {
            Path source = Path.of(name);
            if (name.isEmpty() || !Files.isRegularFile(source)) {
                continue; // deleted in the working tree but not yet in the index
            }
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
