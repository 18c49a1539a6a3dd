package homelabarr.containers;

import com.fasterxml.jackson.databind.ObjectMapper;
import homelabarr.docker.RawStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The docker CLI's formulas on engine samples of both cgroup versions. */
class StatsMathTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static RawStats parse(String json) throws Exception {
        return RawStats.parse(MAPPER.readTree(json)).orElseThrow();
    }

    private static final String V1 = """
            {"read":"2024-05-01T10:00:02Z",
             "cpu_stats":{"cpu_usage":{"total_usage":3000000000,"percpu_usage":[1,2]},"system_cpu_usage":20000000000,"online_cpus":2},
             "precpu_stats":{"cpu_usage":{"total_usage":2500000000},"system_cpu_usage":18000000000,"online_cpus":2},
             "memory_stats":{"usage":10485760,"limit":104857600,
               "stats":{"cache":3145728,"inactive_file":1048576,"total_inactive_file":2097152}},
             "networks":{"eth0":{"rx_bytes":100,"tx_bytes":10},"eth1":{"rx_bytes":5,"tx_bytes":1}},
             "blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":4096},{"op":"Write","value":512},
               {"op":"Read","value":4096},{"op":"Total","value":8704}]},
             "pids_stats":{"current":7}}""";

    @Test
    void cgroupV1Sample() throws Exception {
        ContainerStats s = StatsMath.compute(parse(V1));
        // 0.5 s of container CPU over 2 s of host CPU time, times 2 CPUs
        assertThat(s.cpuPercent()).isEqualTo(50.0);
        assertThat(s.memoryUsedBytes()).isEqualTo(10485760 - 2097152);
        assertThat(s.memoryLimitBytes()).isEqualTo(104857600);
        assertThat(s.memoryPercent()).isEqualTo(8.0);
        assertThat(s.networkRxBytes()).isEqualTo(105);
        assertThat(s.networkTxBytes()).isEqualTo(11);
        assertThat(s.blockReadBytes()).isEqualTo(8192);
        assertThat(s.blockWriteBytes()).isEqualTo(512);
        assertThat(s.pids()).isEqualTo(7);
    }

    @Test
    void cgroupV2SampleSubtractsInactiveFile() throws Exception {
        RawStats v2 = parse("""
                {"read":"2024-05-01T10:00:02Z","cpu_stats":{"cpu_usage":{"total_usage":10},"system_cpu_usage":10,"online_cpus":1},
                 "memory_stats":{"usage":5000,"limit":10000,"stats":{"inactive_file":1000,"file":3000}},
                 "blkio_stats":{"io_service_bytes_recursive":[{"op":"read","value":7},{"op":"write","value":9}]}}""");
        ContainerStats s = StatsMath.compute(v2);
        assertThat(s.memoryUsedBytes()).isEqualTo(4000);
        assertThat(s.memoryPercent()).isEqualTo(40.0);
        assertThat(s.blockReadBytes()).isEqualTo(7);
        assertThat(s.blockWriteBytes()).isEqualTo(9);
        // a stream's first frame has no precpu: no CPU figure yet
        assertThat(s.cpuPercent()).isNull();
    }

    @Test
    void cpuIsMeasuredBetweenTwoCounterReadings() throws Exception {
        RawStats now = parse(V1);
        RawStats.Cpu previous = new RawStats.Cpu(1_000_000_000L, 12_000_000_000L, 2);
        // 2 s of container CPU over 8 s of host CPU time, times 2 CPUs
        assertThat(StatsMath.cpuPercent(previous, now.cpu())).isEqualTo(50.0);
        // counters that went backwards (a restart) give 0, as the CLI does
        assertThat(StatsMath.cpuPercent(new RawStats.Cpu(9_000_000_000L, 1, 2), now.cpu())).isEqualTo(0.0);
    }

    @Test
    void placeholderSampleOfAStoppedContainerIsEmpty() throws Exception {
        assertThat(RawStats.parse(MAPPER.readTree("""
                {"read":"0001-01-01T00:00:00Z","memory_stats":{},"cpu_stats":{"cpu_usage":{"total_usage":0}}}"""))).isEmpty();
    }

    @Test
    void cacheIsNotSubtractedWhenLargerThanUsage() throws Exception {
        RawStats odd = parse("""
                {"read":"2024-05-01T10:00:02Z","memory_stats":{"usage":100,"limit":0,"stats":{"total_inactive_file":500}}}""");
        ContainerStats s = StatsMath.compute(odd);
        assertThat(s.memoryUsedBytes()).isEqualTo(100);
        assertThat(s.memoryPercent()).isNull();
    }
}
