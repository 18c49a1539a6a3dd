package homelabarr.containers;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * Resource use of one running container, as {@code docker stats} shows it. Byte counts are cumulative since the
 * container started (network, block I/O) or current (memory). {@code cpuPercent} is relative to one CPU, so a
 * container using two full CPUs shows 200; it is null when no earlier sample exists to measure against.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)  // cpuPercent null means "not measured yet" and must show
public record ContainerStats(Double cpuPercent, long memoryUsedBytes, long memoryLimitBytes, Double memoryPercent,
                             long networkRxBytes, long networkTxBytes, long blockReadBytes, long blockWriteBytes,
                             long pids, Instant sampledAt) {
}
