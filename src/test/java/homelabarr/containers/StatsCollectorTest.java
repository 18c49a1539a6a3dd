package homelabarr.containers;

import homelabarr.docker.RawStats;
import homelabarr.docker.StatsFrames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's stream lifecycle with a fake engine: a frame every 100 ms per container, the first without precpu,
 * each using a quarter of the host's CPU time; containers named "stop*" stop after 3 frames, "mute*" send one frame.
 */
class StatsCollectorTest {
    private static final long FRAME_MS = 100;
    private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
    private final List<FakeFrames> streams = new CopyOnWriteArrayList<>();

    private StatsFrames open(String id) {
        opens.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        FakeFrames frames = new FakeFrames(id);
        streams.add(frames);
        return frames;
    }

    private StatsCollector collector(Duration quiet, int maxStreams) {
        return new StatsCollector(this::open, Duration.ofMillis(800), quiet, maxStreams);
    }

    @Test
    void concurrentCallersShareOneStreamPerContainer() throws Exception {
        List<String> ids = List.of("a", "b", "c");
        try (StatsCollector collector = collector(Duration.ofSeconds(30), 256);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Map<String, ContainerStats>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> collector.stats(ids)));
            }
            for (Future<Map<String, ContainerStats>> answer : answers) {
                assertThat(answer.get().values()).hasSize(3).allSatisfy(s -> assertThat(s.cpuPercent()).isEqualTo(25.0));
            }
            assertThat(collector.engineRequests()).isEqualTo(3);
            // a container not seen before costs one stream, not a reopening of all
            collector.stats(List.of("a", "b", "c", "d"));
            assertThat(collector.engineRequests()).isEqualTo(4);
            assertThat(collector.openStreams()).isEqualTo(4);
        }
    }

    @Test
    void onlyTheFirstRequestWaitsForTheSecondFrame() {
        try (StatsCollector collector = collector(Duration.ofSeconds(30), 256)) {
            List<String> ids = IntStream.range(0, 100).mapToObj(i -> "c" + i).toList();
            long start = System.nanoTime();
            assertThat(collector.stats(ids).values()).hasSize(100).allSatisfy(s -> assertThat(s.cpuPercent()).isNotNull());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(FRAME_MS),
                    Duration.ofMillis(700));
            start = System.nanoTime();
            assertThat(collector.stats(ids).values()).doesNotContainNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(50));
        }
    }

    @Test
    void aSlowStreamDelaysTheFirstAnswerOnlyBoundedly() {
        try (StatsCollector collector = collector(Duration.ofSeconds(30), 256)) {
            long start = System.nanoTime();
            Map<String, ContainerStats> stats = collector.stats(List.of("a", "mute"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
                    Duration.ofMillis(1500));
            assertThat(stats.get("a").cpuPercent()).isEqualTo(25.0);
            // one frame arrived: memory and the rest are known, CPU is not measured yet
            assertThat(stats.get("mute").cpuPercent()).isNull();
            assertThat(stats.get("mute").memoryUsedBytes()).isEqualTo(100);
        }
    }

    @Test
    void allStreamsCloseAfterTheQuietPeriodAndReopenOnDemand() throws Exception {
        try (StatsCollector collector = collector(Duration.ofSeconds(1), 256)) {
            collector.stats(List.of("a", "b", "c"));
            assertThat(collector.openStreams()).isEqualTo(3);
            Thread.sleep(500);
            collector.stats(List.of("a", "b", "c"));  // demand renews the period
            Thread.sleep(700);
            assertThat(collector.openStreams()).isEqualTo(3);
            awaitOpen(collector, 0, Duration.ofSeconds(3));
            assertThat(streams).hasSize(3).allSatisfy(s -> assertThat(s.closed.getCount()).isZero());
            assertThat(collector.stats(List.of("a")).get("a").cpuPercent()).isEqualTo(25.0);
            assertThat(collector.engineRequests()).isEqualTo(4);
        }
    }

    @Test
    void streamsOfStoppedContainersEnd() throws Exception {
        try (StatsCollector collector = collector(Duration.ofSeconds(30), 256)) {
            collector.stats(List.of("a", "b", "stop1"));
            // the engine's placeholder frame ends "stop1"; a listing without "b" ends b
            collector.retain(Set.of("a", "stop1"));
            awaitOpen(collector, 1, Duration.ofSeconds(2));
            assertThat(collector.stats(List.of("a")).get("a")).isNotNull();
            assertThat(opens.get("a").get()).isEqualTo(1);
        }
    }

    @Test
    void streamsBeyondTheBoundAreNotOpened() {
        try (StatsCollector collector = collector(Duration.ofSeconds(30), 2)) {
            Map<String, ContainerStats> stats = collector.stats(List.of("a", "b", "c"));
            assertThat(stats.get("a")).isNotNull();
            assertThat(stats.get("b")).isNotNull();
            assertThat(stats).containsEntry("c", null);
            assertThat(collector.openStreams()).isEqualTo(2);
            assertThat(collector.engineRequests()).isEqualTo(2);
        }
    }

    @Test
    void closeEndsEveryStreamAndItsThread() {
        StatsCollector collector = collector(Duration.ofSeconds(30), 256);
        collector.stats(IntStream.range(0, 20).mapToObj(i -> "c" + i).toList());
        collector.close();
        assertThat(collector.openStreams()).isZero();
        assertThat(streams).hasSize(20).allSatisfy(s -> assertThat(s.closed.getCount()).isZero());
        assertThat(collector.stats(List.of("c1"))).containsEntry("c1", null);
    }

    private static void awaitOpen(StatsCollector collector, int expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (collector.openStreams() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(collector.openStreams()).isEqualTo(expected);
    }

    /** Frames 100 ms apart; blocks like a socket read, and close() ends a blocked read with an IOException. */
    private static final class FakeFrames implements StatsFrames {
        private final String id;
        private final CountDownLatch closed = new CountDownLatch(1);
        private long system;
        private int sent;

        FakeFrames(String id) {
            this.id = id;
        }

        @Override
        public Optional<RawStats> next() throws IOException {
            try {
                boolean muted = id.startsWith("mute") && sent >= 1;
                if (sent > 0 && closed.await(muted ? 60_000 : FRAME_MS, TimeUnit.MILLISECONDS)) {
                    throw new IOException("closed");
                }
            } catch (InterruptedException e) {
                throw new IOException("interrupted");
            }
            if (id.startsWith("stop") && sent >= 3) {
                return Optional.empty();
            }
            RawStats.Cpu pre = sent == 0 ? new RawStats.Cpu(0, 0, 0) : new RawStats.Cpu(system / 4, system, 1);
            system += 1_000_000_000L;
            sent++;
            return Optional.of(new RawStats(Instant.now(), new RawStats.Cpu(system / 4, system, 1), pre, 100, 1000,
                    null, null, null, 0, 0, 0, 0, 1));
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
