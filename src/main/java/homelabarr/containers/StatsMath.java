package homelabarr.containers;

import homelabarr.docker.RawStats;

/** The formulas of the docker CLI ({@code docker stats}), so our figures match what users compare them with. */
final class StatsMath {
    private StatsMath() {
    }

    /**
     * Figures for stream frame {@code now}; CPU is measured against its {@code precpu}, the engine's previous frame,
     * as {@code docker stats} does. A stream's first frame has none: CPU % is null there.
     */
    static ContainerStats compute(RawStats now) {
        long used = memoryUsed(now);
        long limit = now.memoryLimit();
        return new ContainerStats(
                cpuPercent(now.precpu(), now.cpu()),
                used,
                limit,
                limit > 0 ? round2(100.0 * used / limit) : null,
                now.networkRx(), now.networkTx(), now.blockRead(), now.blockWrite(), now.pids(), now.read());
    }

    /**
     * CPU time used by the container over CPU time passed on the host, times the CPUs: the CLI's
     * {@code calculateCPUPercentUnix}. Null when there is no earlier sample (system usage 0); 0 when a counter went
     * backwards (restart), as the CLI does.
     */
    static Double cpuPercent(RawStats.Cpu before, RawStats.Cpu after) {
        if (before.systemUsage() == 0 || after.systemUsage() == 0) {
            return null;
        }
        double cpuDelta = (double) after.totalUsage() - before.totalUsage();
        double systemDelta = (double) after.systemUsage() - before.systemUsage();
        int cpus = after.onlineCpus() > 0 ? after.onlineCpus() : 1;
        if (cpuDelta <= 0 || systemDelta <= 0) {
            return 0.0;
        }
        return round2(cpuDelta / systemDelta * cpus * 100.0);
    }

    /**
     * Usage minus inactive page cache, as the CLI's {@code calculateMemUsageUnixNoCache}: cgroup v1 reports
     * {@code total_inactive_file}, v2 {@code inactive_file}. Older engines without either fall back to v1's
     * {@code cache}. The subtraction only applies when smaller than usage, to never report a negative figure.
     */
    static long memoryUsed(RawStats s) {
        long usage = s.memoryUsage();
        Long reclaimable = s.inactiveFileV1() != null ? s.inactiveFileV1()
                : s.inactiveFileV2() != null ? s.inactiveFileV2()
                : s.cacheV1();
        return reclaimable != null && reclaimable < usage ? usage - reclaimable : usage;
    }

    private static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
