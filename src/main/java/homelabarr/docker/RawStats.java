package homelabarr.docker;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of one engine stats sample that the API derives its numbers from. Memory keeps the candidates for
 * "page cache" of both cgroup versions, since which one applies is only known from the sample itself.
 */
public record RawStats(Instant read, Cpu cpu, Cpu precpu, long memoryUsage, long memoryLimit,
                       Long inactiveFileV1, Long inactiveFileV2, Long cacheV1,
                       long networkRx, long networkTx, long blockRead, long blockWrite, long pids) {

    /** Cumulative CPU time of the container and of the host, in nanoseconds, and the CPUs it may use. */
    public record Cpu(long totalUsage, long systemUsage, int onlineCpus) {
        static Cpu of(JsonNode node) {
            int online = node.path("online_cpus").asInt(0);
            if (online == 0) {
                online = node.path("cpu_usage").path("percpu_usage").size();
            }
            return new Cpu(node.path("cpu_usage").path("total_usage").asLong(0),
                    node.path("system_cpu_usage").asLong(0), online);
        }
    }

    /** Empty when the sample is the engine's placeholder for a container that is not running. */
    public static Optional<RawStats> parse(JsonNode n) {
        Instant read = instant(n.path("read").asText(""));
        if (read == null || read.getEpochSecond() <= 0) {
            return Optional.empty();
        }
        JsonNode memory = n.path("memory_stats");
        JsonNode memStats = memory.path("stats");
        long rx = 0;
        long tx = 0;
        for (JsonNode net : n.path("networks")) {
            rx += net.path("rx_bytes").asLong(0);
            tx += net.path("tx_bytes").asLong(0);
        }
        long blockRead = 0;
        long blockWrite = 0;
        for (JsonNode io : n.path("blkio_stats").path("io_service_bytes_recursive")) {
            // cgroup v1 spells the operations "Read"/"Write", v2 "read"/"write"
            switch (io.path("op").asText("").toLowerCase(Locale.ROOT)) {
                case "read" -> blockRead += io.path("value").asLong(0);
                case "write" -> blockWrite += io.path("value").asLong(0);
                default -> { }
            }
        }
        return Optional.of(new RawStats(read, Cpu.of(n.path("cpu_stats")), Cpu.of(n.path("precpu_stats")),
                memory.path("usage").asLong(0), memory.path("limit").asLong(0),
                optionalLong(memStats, "total_inactive_file"), optionalLong(memStats, "inactive_file"),
                optionalLong(memStats, "cache"),
                rx, tx, blockRead, blockWrite, n.path("pids_stats").path("current").asLong(0)));
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.canConvertToLong() ? null : value.asLong();
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
