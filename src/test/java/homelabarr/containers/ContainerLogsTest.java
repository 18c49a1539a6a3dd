package homelabarr.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Logs of real containers: both streams, TTY, long lines, tail/since/timestamps, follow, bad parameters. */
@NeedsDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerLogsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** 60 lines alternating stdout/stderr, 50 ms apart so their order across the two pipes is certain. */
    private static final String BOTH_STREAMS = "i=1; while [ $i -le 30 ]; do echo out-$i; sleep 0.05; "
            + "echo err-$i >&2; sleep 0.05; i=$((i+1)); done; echo finished";
    private TestServer server;
    private DockerFixture docker;
    private String both;
    private String tty;
    private String longLine;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir);
        docker = new DockerFixture();
        both = docker.run(docker.name("both"), "/bin/sh", "-c", BOTH_STREAMS + "; sleep 3600");
        // exits, because the engine only logs a last line without newline when the output ends
        tty = docker.run(docker.name("tty"), cmd -> cmd.withTty(true), "/bin/sh", "-c",
                "echo tty-1; echo tty-2 >&2; printf 'no-newline'");
        // 40 000 characters: the engine stores it as three messages (16 KiB, 16 KiB, rest)
        longLine = docker.run(docker.name("long"), "/bin/sh", "-c",
                "i=0; while [ $i -lt 4000 ]; do printf 0123456789; i=$((i+1)); done; echo; echo after; sleep 3600");
        awaitLine(both, "finished");
        awaitLine(tty, "no-newline");
        awaitLine(longLine, "after");
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

    private void awaitLine(String id, String line) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (server.get("/containers/" + id + "/logs?tail=10000").body().contains("\"" + line + "\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " never logged " + line);
    }

    private List<JsonNode> logs(String id, String query) {
        Http.Response res = server.get("/containers/" + id + "/logs" + query);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("success").asBoolean()).isTrue();
        return StreamSupport.stream(res.json().get("data").spliterator(), false).toList();
    }

    private static List<String> render(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("stream").asText() + ":" + e.get("line").asText()).toList();
    }

    @Test
    void bothStreamsComeBackCompleteAndInOrder() {
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(1, 30).forEach(i -> {
            expected.add("stdout:out-" + i);
            expected.add("stderr:err-" + i);
        });
        expected.add("stdout:finished");
        assertThat(render(logs(both, "?tail=1000"))).containsExactlyElementsOf(expected);
        assertThat(render(logs(both, "?tail=3"))).containsExactly("stdout:out-30", "stderr:err-30", "stdout:finished");
        assertThat(logs(both, "")).hasSize(61);  // default tail is 100
    }

    @Test
    void ttyContainersHaveOneStreamReportedAsStdout() {
        assertThat(render(logs(tty, "?tail=100"))).containsExactly("stdout:tty-1", "stdout:tty-2", "stdout:no-newline");
    }

    @Test
    void linesLongerThanTheEnginesMessageSizeAreReassembled() {
        String expected = "0123456789".repeat(4000);
        for (String query : new String[]{"?timestamps=true", "?timestamps=false"}) {
            List<JsonNode> entries = logs(longLine, query);
            assertThat(entries).as(query).hasSize(2);
            assertThat(entries.getFirst().get("line").asText()).as(query).isEqualTo(expected);
            assertThat(entries.get(1).get("line").asText()).isEqualTo("after");
        }
    }

    @Test
    void timestampsAndSince() {
        List<JsonNode> stamped = logs(both, "?tail=2&timestamps=true");
        Instant last = Instant.parse(stamped.get(1).get("timestamp").asText());
        assertThat(last).isBefore(Instant.now().plusSeconds(1)).isAfter(Instant.now().minusSeconds(300));
        assertThat(logs(both, "?tail=2&timestamps=false")).allSatisfy(e -> assertThat(e.has("timestamp")).isFalse());

        assertThat(logs(both, "?since=" + Instant.now().plusSeconds(60).getEpochSecond())).isEmpty();
        assertThat(logs(both, "?since=" + Instant.now().plusSeconds(60))).isEmpty();
        assertThat(logs(both, "?since=" + last.minusSeconds(600).getEpochSecond())).hasSize(61);
        // an ISO instant with sub-second precision: only lines at or after it
        List<JsonNode> fromLast = logs(both, "?timestamps=true&since=" + last);
        assertThat(render(fromLast)).containsExactly("stdout:finished");
    }

    @Test
    void badParametersAre400() {
        for (String query : new String[]{"tail=-1", "tail=10001", "tail=lots", "since=yesterday", "since=-5",
                "timestamps=sometimes", "follow=maybe"}) {
            Http.Response res = server.get("/containers/" + both + "/logs?" + query);
            assertThat(res.status()).as(query).isEqualTo(400);
            assertThat(res.json().get("error").asText()).isNotBlank();
            assertThat(res.json().get("details").asText()).as(query).contains(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void followStreamsNewLinesUntilTheContainerStops() throws Exception {
        String id = docker.run(docker.name("follow"), "/bin/sh", "-c",
                "i=1; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done");
        HttpResponse<InputStream> res = server.http().client().send(server.request("/containers/" + id
                + "/logs?follow=true&tail=0", server.adminToken()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                } else if (line.startsWith("data: ") && events.getLast().equals("log")) {
                    lines.add(MAPPER.readTree(line.substring(6)).get("line").asText());
                    if (lines.size() == 3) {
                        // stopping the container ends its log stream: the server sends "end" and closes
                        CompletableFuture.runAsync(() -> server.post("/containers/" + id + "/stop?timeout=1",
                                server.adminToken()));
                    }
                }
            }
        }
        assertThat(events.getLast()).isEqualTo("end");
        assertThat(lines.size()).isGreaterThanOrEqualTo(3);
        int first = Integer.parseInt(lines.getFirst().substring(5));
        assertThat(lines).containsExactlyElementsOf(IntStream.range(first, first + lines.size())
                .mapToObj(i -> "line-" + i).toList());
    }
}
