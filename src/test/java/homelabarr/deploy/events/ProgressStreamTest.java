package homelabarr.deploy.events;

import homelabarr.deploy.events.DeploymentEvent.Complete;
import homelabarr.deploy.events.DeploymentEvent.Step;
import homelabarr.deploy.plan.Mode;

import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.db.Database;
import homelabarr.http.SseStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream's contract without Docker: catch-up, live events, heartbeats, the end, many subscribers, a gone client. */
class ProgressStreamTest {
    @TempDir
    Path dir;
    Database db;
    EventHub hub;
    EventLog log;
    DeploymentStore store;

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("test.db"));
        hub = new EventHub();
        ObjectMapper mapper = new ObjectMapper();
        log = new EventLog(db, mapper, Clock.systemUTC(), hub);
        store = new DeploymentStore(db, mapper, Clock.systemUTC());
        store.create("0123456789abcdef", "myapps-x", "X", new Mode.Standard(), Map.of(), false, "admin");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSubscriberGetsHistoryThenLiveEventsWithHeartbeatsUntilTheEnd() throws Exception {
        String id = "0123456789abcdef";
        hub.open(id);
        log.append(id, new Step("pull", null, "one"));
        log.append(id, new Step("pull", null, "two"));
        ProgressStream stream = new ProgressStream(hub, log, Duration.ofMillis(50));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> subscriber = CompletableFuture.runAsync(() -> send(stream, id, 0, out));
        Thread.sleep(200);
        log.append(id, new Complete("succeeded", 8080, null, List.of("x")));
        hub.end(id);
        subscriber.get(5, TimeUnit.SECONDS);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("id: 1\nevent: step\ndata: {\"seq\":1,\"type\":\"step\"");
        assertThat(text).contains(": heartbeat\n\n");
        assertThat(text.indexOf("id: 2\n")).isLessThan(text.indexOf(": heartbeat")).isLessThan(text.indexOf("id: 3\n"));
        assertThat(text).endsWith("\"containers\":[\"x\"]}\n\n");
    }

    @Test
    void aLateOrReconnectingSubscriberReadsTheStoredHistory() throws Exception {
        String id = "0123456789abcdef";
        hub.open(id);
        for (int i = 0; i < 5; i++) {
            log.append(id, new Step("create", "s" + i, "created"));
        }
        log.append(id, new Complete("succeeded", null, null, List.of()));
        hub.end(id);
        ProgressStream stream = new ProgressStream(hub, log, Duration.ofSeconds(15));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        send(stream, id, 0, all);
        assertThat(ids(all)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        send(stream, id, 4, rest);
        assertThat(ids(rest)).containsExactly(5L, 6L);
    }

    @Test
    void manySubscribersShareOneProducer() throws Exception {
        String id = "0123456789abcdef";
        hub.open(id);
        ProgressStream stream = new ProgressStream(hub, log, Duration.ofSeconds(1));
        Subscribers subscribers = subscribe(stream, id, 50, ForkJoinPool.commonPool());
        for (int i = 0; i < 20; i++) {
            log.append(id, new Step("wait", null, "tick " + i));
        }
        log.append(id, new Complete("succeeded", null, null, List.of()));
        subscribers.all().get(10, TimeUnit.SECONDS);
        for (ByteArrayOutputStream out : subscribers.outs()) {
            assertThat(ids(out)).hasSize(21).isSorted();
        }
        assertThat(log.after(id, 0)).hasSize(21);
    }

    @Test
    void subscribersWaitingBetweenEventsFromTwoReportersSeeEachEventOnceInTheStoredOrder() throws Exception {
        String id = "0123456789abcdef";
        hub.open(id);
        ProgressStream stream = new ProgressStream(hub, log, Duration.ofMillis(20));
        Subscribers subscribers;
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            subscribers = subscribe(stream, id, 200, threads);
            // two reporters, as a pull callback and a log follower: readers are parked between most events
            List<CompletableFuture<Void>> reporters = new ArrayList<>();
            for (String reporter : List.of("pull", "log")) {
                reporters.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 40; i++) {
                        log.append(id, new Step(reporter, null, "tick " + i));
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                }, threads));
            }
            CompletableFuture.allOf(reporters.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            log.append(id, new Complete("succeeded", null, null, List.of()));
            hub.end(id);
            subscribers.all().get(20, TimeUnit.SECONDS);
        }
        List<Long> stored = log.after(id, 0).stream().map(StoredEvent::seq).toList();
        assertThat(stored).hasSize(81).isSorted().doesNotHaveDuplicates();
        for (ByteArrayOutputStream out : subscribers.outs()) {
            assertThat(ids(out)).isEqualTo(stored);
        }
    }

    @Test
    void aClientThatWentAwayEndsItsStreamWithAnError() {
        String id = "0123456789abcdef";
        hub.open(id);
        log.append(id, new Step("pull", null, "one"));
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ProgressStream stream = new ProgressStream(hub, log, Duration.ofMillis(10));
        assertThatThrownBy(() -> stream.send(id, 0, new SseStream(broken))).isInstanceOf(IOException.class);
    }

    /** Subscribers following one deployment from its start, each writing into a buffer of its own. */
    private record Subscribers(List<ByteArrayOutputStream> outs, CompletableFuture<Void> all) {
    }

    private static Subscribers subscribe(ProgressStream stream, String id, int count, Executor threads) {
        List<ByteArrayOutputStream> outs = new ArrayList<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outs.add(out);
            running.add(CompletableFuture.runAsync(() -> send(stream, id, 0, out), threads));
        }
        return new Subscribers(outs, CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)));
    }

    private static void send(ProgressStream stream, String id, long last, ByteArrayOutputStream out) {
        try {
            stream.send(id, last, new SseStream(out));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> ids(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("id: "))
                .map(l -> Long.parseLong(l.substring(4))).toList();
    }
}
