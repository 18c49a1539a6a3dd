package homelabarr.containers;

import homelabarr.docker.RawStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector's caching rules with a fake engine that takes 300 ms per sample and counts calls. */
class StatsCollectorTest {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Boolean> oneShots = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong cpu = new AtomicLong();

    private Optional<RawStats> sample(String id, boolean oneShot) {
        calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        oneShots.add(oneShot);
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long system = cpu.addAndGet(1_000_000_000L);
        RawStats.Cpu now = new RawStats.Cpu(system / 4, system, 1);
        RawStats.Cpu pre = oneShot ? new RawStats.Cpu(0, 0, 0) : new RawStats.Cpu(0, system / 2, 1);
        return Optional.of(new RawStats(Instant.now(), now, pre, 100, 1000, null, null, null, 0, 0, 0, 0, 1));
    }

    private StatsCollector collector(Duration ttl) {
        return new StatsCollector(this::sample, ttl, Duration.ofSeconds(30), 128, Duration.ofSeconds(5));
    }

    @Test
    void concurrentCallersShareOneReadPerContainer() throws Exception {
        List<String> ids = List.of("a", "b", "c");
        try (StatsCollector collector = collector(Duration.ofSeconds(10));
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Map<String, ContainerStats>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(() -> collector.stats(ids)));
            }
            for (Future<Map<String, ContainerStats>> answer : answers) {
                assertThat(answer.get()).containsOnlyKeys(ids).doesNotContainValue(null);
            }
            assertThat(collector.engineRequests()).isEqualTo(3);
            // a container not seen before costs one read, not a refresh of all
            collector.stats(List.of("a", "b", "c", "d"));
            assertThat(collector.engineRequests()).isEqualTo(4);
        }
    }

    @Test
    void readsInParallelNotInSequence() {
        try (StatsCollector collector = collector(Duration.ofSeconds(10))) {
            List<String> ids = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c" + i).toList();
            long start = System.nanoTime();
            assertThat(collector.stats(ids)).hasSize(100).doesNotContainValue(null);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void firstReadHasPrecpuLaterReadsAreOneShotAgainstThePreviousSample() throws Exception {
        try (StatsCollector collector = collector(Duration.ofMillis(100))) {
            ContainerStats first = collector.stats(List.of("x")).get("x");
            Thread.sleep(150);
            ContainerStats second = collector.stats(List.of("x")).get("x");
            assertThat(oneShots).containsExactly(false, true);
            // the fake uses a quarter of the system time between any two samples
            assertThat(first.cpuPercent()).isEqualTo(50.0);
            assertThat(second.cpuPercent()).isEqualTo(25.0);
            assertThat(calls.get("x").get()).isEqualTo(2);
        }
    }
}
